import { useEffect, useState } from 'react'

/** The current time in ms, refreshed every `intervalMs` while `active`. Default every second. */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  const [wasActive, setWasActive] = useState(active)

  // The clock starts with a fresh reading taken while rendering, not from an effect, so the
  // render that starts it commits once.
  if (active !== wasActive) {
    setWasActive(active)
    if (active) setNow(Date.now())
  }

  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [active, intervalMs])

  return now
}
