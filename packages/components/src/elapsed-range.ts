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
 * The span a task's elapsed time covers: from its first status event to its terminal one
 * (falling back to the task's `created_at` and the state's `updatedAt`), or null if unknown.
 */
export function elapsedRange(state: TaskState): ElapsedRange | null {
  const start = state.events[0]?.at ?? parseTime(state.task?.created_at)
  if (start === undefined || start === null) return null
  if (!isTerminal(state.status)) return { start, end: null }

  const terminal = state.events.findLast((event) => isTerminal(event.status))
  return { start, end: terminal?.at ?? state.updatedAt }
}
