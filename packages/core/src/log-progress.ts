import { type LogLines, lineAt, linesFrom } from './log-lines'
import { parseTqdm } from './progress'
import type { Progress } from './types'

/** The progress of the newest tqdm-style line of a log, and the id of that line. */
export interface LogProgress {
  progress: Progress
  lineId: number
}

/**
 * The progress of the newest tqdm-style line of `log` after an update that touched the lines
 * from `firstChanged` on, given what it was before (`previous`). Reads the touched lines, and
 * the older ones only when the line the progress came from was rewritten; so the answer is the
 * same however the log was cut into updates.
 */
export function logProgressAfter(
  previous: LogProgress | null,
  log: LogLines,
  firstChanged: number,
): LogProgress | null {
  if (firstChanged === -1) return previous

  const touched = linesFrom(log, firstChanged)
  const found = newestIn(touched.length, (index) => touched[index])
  if (found !== null || previous === null) return found

  // The lines before the touched ones are as they were, but the cap may have dropped some.
  const first = lineAt(log, 0)?.id ?? Number.POSITIVE_INFINITY
  const firstTouched = touched[0]?.id ?? Number.POSITIVE_INFINITY
  if (previous.lineId < first) return null
  if (previous.lineId < firstTouched) return previous
  return newestIn(firstChanged, (index) => lineAt(log, index))
}

/** The newest line among the first `count` (read by `at`) that carries progress. */
function newestIn(count: number, at: (index: number) => { id: number; text: string } | undefined) {
  for (let index = count - 1; index >= 0; index -= 1) {
    const line = at(index)
    const progress = line === undefined ? null : parseTqdm(line.text)
    if (line !== undefined && progress !== null) return { progress, lineId: line.id }
  }
  return null
}
