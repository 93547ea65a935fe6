import { isRecord } from './http'
import { TaskStatus } from './status'
import type { Task } from './types'

/**
 * Reconciles a task re-read after a reconnect (`floor`) with the task the resumed stream has
 * built so far (`streamed`), which may still be replaying older events. No field moves back:
 * the status is the later of the two in a task's life, a string or list that the other one
 * extends takes the longer, a field only one of them has is kept; anything else is the stream's.
 */
export function reconcileTask(floor: Task, streamed: Task): Task {
  const next = merge(floor, streamed) as Task
  next.status = statusRank(floor.status) > statusRank(streamed.status) ? floor.status : next.status
  return next
}

/** Whether the stream has overtaken the re-read task, so the floor is no longer needed. */
export function hasOvertaken(floor: Task, streamed: Task): boolean {
  const a = floor.updated_at
  const b = streamed.updated_at
  return typeof a === 'string' && typeof b === 'string' && b > a
}

function merge(floor: unknown, streamed: unknown): unknown {
  if (streamed === undefined || streamed === null) return floor ?? streamed
  if (typeof floor === 'string' && typeof streamed === 'string') {
    return floor.length > streamed.length && floor.startsWith(streamed) ? floor : streamed
  }
  if (Array.isArray(floor) && Array.isArray(streamed)) {
    return floor.length > streamed.length ? floor : streamed
  }
  if (!isRecord(floor) || !isRecord(streamed)) return streamed

  const next: Record<string, unknown> = { ...streamed }
  for (const key of Object.keys(floor)) next[key] = merge(floor[key], streamed[key])
  return next
}

// A task's life in order; CANCELLING (newer servers) comes just before CANCELLED.
const order: number[] = [
  TaskStatus.UNKNOWN,
  TaskStatus.RECEIVED,
  TaskStatus.QUEUED,
  TaskStatus.SCHEDULED,
  TaskStatus.PREPARING,
  TaskStatus.SERVING,
  TaskStatus.SETTING_UP,
  TaskStatus.RUNNING,
  TaskStatus.UPLOADING,
  TaskStatus.CANCELLING,
  TaskStatus.COMPLETED,
  TaskStatus.FAILED,
  TaskStatus.CANCELLED,
]

function statusRank(status: Task['status']): number {
  return typeof status === 'number' ? order.indexOf(status) : -1
}
