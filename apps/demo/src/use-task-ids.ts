import { useCallback, useState } from 'react'

const storageKey = 'taskstream-demo:tasks'

function load(): string[] {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]')
    return Array.isArray(saved) ? saved.filter((id) => typeof id === 'string') : []
  } catch {
    return []
  }
}

/** The demo's task ids, newest first, kept in localStorage so a reload re-attaches to them. */
export function useTaskIds() {
  const [ids, setIds] = useState(load)

  const save = useCallback((next: (ids: string[]) => string[]) => {
    setIds((ids) => {
      const updated = next(ids)
      localStorage.setItem(storageKey, JSON.stringify(updated))
      return updated
    })
  }, [])

  const add = useCallback(
    (id: string) => save((ids) => [id, ...ids.filter((x) => x !== id)]),
    [save],
  )
  const remove = useCallback((id: string) => save((ids) => ids.filter((x) => x !== id)), [save])
  const clear = useCallback(() => save(() => []), [save])

  return { ids, add, remove, clear }
}
