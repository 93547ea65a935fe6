import { isTerminal, type TaskState } from '@taskstream/core'

/** When a task's clock starts and stops, in ms since the epoch; `end` is null while it runs. */
export interface ElapsedRange {
  start: number
  end: number | null
}

function parseTime(value: string | undefined): number | null {
  if (!value) return null
  const time = Date.parse(value)
  return Number.isNaN(time) ? null : time
}

/**
 * The span a task's elapsed time covers: from its first status event to its terminal one,
 * or null if unknown. A task first seen already finished has no such span, so it falls back
 * to the server's `created_at` and `updated_at`.
 */
export function elapsedRange(state: TaskState): ElapsedRange | null {
  const first = state.events[0]
  const created = parseTime(state.task?.created_at)

  if (first === undefined || isTerminal(first.status)) {
    if (created === null) return first ? { start: first.at, end: first.at } : null
    if (!isTerminal(state.status)) return { start: created, end: null }
    return { start: created, end: parseTime(state.task?.updated_at) ?? state.updatedAt }
  }

  if (!isTerminal(state.status)) return { start: first.at, end: null }
  const terminal = state.events.findLast((event) => isTerminal(event.status))
  return { start: first.at, end: terminal?.at ?? state.updatedAt }
}
