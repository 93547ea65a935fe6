import { createLogLines, type LogLines, updateLogLines } from '@taskstream/core'
import { useEffect, useMemo, useRef } from 'react'

/**
 * Reads raw terminal text into lines with the store's own log reader (`\r` rewrites the
 * current line, a line cap with a dropped count). When the text grows, only the new part
 * is read; other changes start over. `undefined` text gives `null`.
 */
export function useLogText(text: string | undefined): LogLines | null {
  const committed = useRef<LogLines | null>(null)

  // Built from the last committed log, so a render React throws away leaves no trace.
  const log = useMemo(
    () =>
      text === undefined ? null : updateLogLines(committed.current ?? createLogLines(), text).log,
    [text],
  )

  useEffect(() => {
    committed.current = log
  }, [log])

  return log
}
