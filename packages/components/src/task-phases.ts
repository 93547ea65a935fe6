import { isTerminal, type StatusEvent, TaskStatus } from '@taskstream/core'

/** The four stretches of a task's life before it ends. */
export type TaskPhaseName = 'queue' | 'setup' | 'run' | 'upload'

/** Where a task stands in one phase. */
export type TaskPhaseState = 'pending' | 'active' | 'done' | 'skipped' | 'failed' | 'cancelled'

/** One phase of a task, with the time spent in it so far. */
export interface TaskPhase {
  /** Which phase. */
  name: TaskPhaseName
  /** How people read it: `'Queue'`, `'Set-up'`, `'Run'`, `'Upload'`. */
  label: string
  /** Not reached yet, under way, passed, never entered, or where the task failed or stopped. */
  state: TaskPhaseState
  /** Time spent in it, in ms: up to `now` while it is under way. */
  ms: number
}

const order: readonly TaskPhaseName[] = ['queue', 'setup', 'run', 'upload']

const labels: Record<TaskPhaseName, string> = {
  queue: 'Queue',
  setup: 'Set-up',
  run: 'Run',
  upload: 'Upload',
}

/** The phase a status belongs to; null for the end (and for a cancel under way). */
export function phaseOf(status: number): TaskPhaseName | null {
  if (status === TaskStatus.RUNNING) return 'run'
  if (status === TaskStatus.UPLOADING) return 'upload'
  if (status >= TaskStatus.PREPARING && status <= TaskStatus.SETTING_UP) return 'setup'
  if (isTerminal(status) || status === TaskStatus.CANCELLING) return null
  return 'queue'
}

/**
 * Reads a task's status changes into its four phases and the time spent in each. A status
 * lasts until the next change; the last one, unless it ends the task, lasts until `now`.
 */
export function taskPhases(events: readonly StatusEvent[], now: number): TaskPhase[] {
  const ms: Record<TaskPhaseName, number> = { queue: 0, setup: 0, run: 0, upload: 0 }
  const seen = new Set<TaskPhaseName>()
  let current: TaskPhaseName | null = null
  let last: StatusEvent | undefined

  for (const [index, event] of events.entries()) {
    const phase = phaseOf(event.status)
    const until = events[index + 1]?.at ?? (isTerminal(event.status) ? event.at : now)
    if (phase !== null) {
      ms[phase] += Math.max(0, until - event.at)
      seen.add(phase)
      current = phase
    }
    last = event
  }

  const ended =
    last !== undefined && (isTerminal(last.status) || last.status === TaskStatus.CANCELLING)
  const reached = current === null ? -1 : order.indexOf(current)
  const endState: TaskPhaseState | null =
    last?.status === TaskStatus.FAILED
      ? 'failed'
      : last?.status === TaskStatus.CANCELLED || last?.status === TaskStatus.CANCELLING
        ? 'cancelled'
        : null

  return order.map((name, index) => {
    let state: TaskPhaseState
    if (!ended) {
      state = index < reached ? (seen.has(name) ? 'done' : 'skipped') : 'pending'
      if (index === reached) state = 'active'
    } else if (name === current && endState !== null) {
      state = endState
    } else if (seen.has(name)) {
      state = 'done'
    } else {
      state = last?.status === TaskStatus.COMPLETED || index < reached ? 'skipped' : 'pending'
    }
    return { name, label: labels[name], state, ms: ms[name] }
  })
}
