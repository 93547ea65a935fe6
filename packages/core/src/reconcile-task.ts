import { isRecord } from './http'
import { isTerminal } from './status'
import type { Task } from './types'

/**
 * Reconciles a task re-read after a reconnect (`floor`) with the task the resumed stream has
 * built so far (`streamed`), which may still be replaying events older than the re-read. The
 * re-read wins, except where the stream is already further on: a string or list the stream
 * extends, a field only the stream has, and a status later in a task's life. So no field moves
 * back while the replay catches up.
 */
export function reconcileTask(floor: Task, streamed: Task): Task {
  return combine(floor, streamed, 'floor')
}

/**
 * The task once the stream has overtaken the re-read: the stream's, except that a string or
 * list the re-read extends keeps the longer (a server that resumed with less than it held).
 */
export function settleTask(floor: Task, streamed: Task): Task {
  return combine(floor, streamed, 'stream')
}

type Winner = 'floor' | 'stream'

function combine(floor: Task, streamed: Task, winner: Winner): Task {
  const next = merge(floor, streamed, winner) as Task
  // Whichever side is later in the task's life gives the status.
  next.status =
    statusRank(floor.status) >= statusRank(streamed.status) ? floor.status : streamed.status
  return next
}

/**
 * Whether the stream has overtaken the re-read task, so the re-read is no longer needed: its
 * task ended, or changed later than the re-read (`updated_at`).
 */
export function hasOvertaken(floor: Task, streamed: Task): boolean {
  if (typeof streamed.status === 'number' && isTerminal(streamed.status)) return true
  const a = floor.updated_at
  const b = streamed.updated_at
  return typeof a === 'string' && typeof b === 'string' && b > a
}

function merge(floor: unknown, streamed: unknown, winner: Winner): unknown {
  if (floor === undefined || floor === null) return streamed ?? floor
  if (streamed === undefined || streamed === null) return winner === 'floor' ? floor : streamed
  if (typeof floor === 'string' && typeof streamed === 'string') {
    if (streamed.length > floor.length && streamed.startsWith(floor)) return streamed
    if (floor.length > streamed.length && floor.startsWith(streamed)) return floor
    return winner === 'floor' ? floor : streamed
  }
  if (Array.isArray(floor) && Array.isArray(streamed)) {
    return streamed.length > floor.length ? streamed : floor
  }
  if (!isRecord(floor) || !isRecord(streamed)) return winner === 'floor' ? floor : streamed

  const next: Record<string, unknown> = { ...streamed }
  for (const key of Object.keys(floor)) next[key] = merge(floor[key], streamed[key], winner)
  return next
}

// A task's life in order, by status number; CANCELLING (13, newer servers) comes just before
// CANCELLED, and UNKNOWN (0) first.
const order = [0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 10, 11, 12]

function statusRank(status: Task['status']): number {
  return typeof status === 'number' ? order.indexOf(status) : -1
}
