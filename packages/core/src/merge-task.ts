import { isRecord } from './http'
import { parseStatus, type StatusTable, TaskStatus } from './status'
import type { Task } from './types'

/** One `update` payload: a whole task, or a partial envelope whose `fields` name what changed. */
export type TaskUpdate =
  | { kind: 'whole'; data: Record<string, unknown> }
  | { kind: 'partial'; data: Record<string, unknown>; fields: string[] }

/** Reads an `update` payload; `null` when it is neither a task nor a `{data, fields}` envelope. */
export function readUpdate(payload: unknown): TaskUpdate | null {
  if (!isRecord(payload)) return null

  const { data, fields } = payload
  if (isRecord(data) && Array.isArray(fields)) {
    return { kind: 'partial', data, fields: strings(fields) }
  }
  return { kind: 'whole', data: payload }
}

/** Where a merge happens: the task being followed and the status table of its server. */
export interface MergeContext {
  /** The id a task built from a partial update gets. */
  id: string
  /** How to read status numbers. */
  statusTable: StatusTable
}

/**
 * Merges an update into the task so far and returns a new task. A whole task replaces the keys
 * it carries; a partial one copies only the keys its `fields` name (all of `data` when it names
 * none). Statuses from the wire go through `parseStatus`, so the result holds a `TaskStatus`.
 */
export function mergeTask(current: Task | null, update: TaskUpdate, context: MergeContext): Task {
  const base: Task = current ?? { id: context.id, status: TaskStatus.UNKNOWN }
  const next: Task = { ...base }
  const { data } = update

  const named = update.kind === 'partial' && update.fields.length > 0
  const keys = named ? update.fields : Object.keys(data)
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string
    if (!(key in data)) continue
    next[key] = key === 'status' ? parseStatus(data[key], context.statusTable) : data[key]
  }

  if (typeof next.id !== 'string' || next.id === '') next.id = base.id
  return next
}

/** Reads a task from an API answer, its status parsed; `null` when the answer is not a task. */
export function readTask(value: unknown, statusTable: StatusTable): Task | null {
  if (!isRecord(value) || typeof value.id !== 'string' || value.id === '') return null
  return { ...value, id: value.id, status: parseStatus(value.status, statusTable) }
}

/**
 * Applies a `delta` payload `{append, data?, fields?}`: the partial update in `data` first, then
 * each string in `append` added to the end of the task's string at the same path (objects are
 * walked, arrays such as log records are concatenated, any other value is set as it is).
 */
export function applyDelta(current: Task | null, payload: unknown, context: MergeContext): Task {
  const record = isRecord(payload) ? payload : {}
  const update: TaskUpdate | null = isRecord(record.data)
    ? { kind: 'partial', data: record.data, fields: strings(record.fields) }
    : null
  const base = update === null ? current : mergeTask(current, update, context)
  const start = base ?? { id: context.id, status: TaskStatus.UNKNOWN }
  const next = appendTo(start, record.append) as Task
  const added = isRecord(record.append) ? record.append.logs : undefined
  const previous = start.logs
  const grew = typeof added === 'string' && typeof previous === 'string'
  last.task = grew ? next : null
  last.previous = grew ? previous : ''
  last.added = grew ? added : ''
  return next
}

/** What one delta added to a task's string log: `task.logs` is `previous` plus `added`. */
interface Appended {
  task: Task | null
  previous: string
  added: string
}

// What a delta added to a task's string log, so the log's reader can take just that text
// without reading (and so flattening) a log of megabytes on every update. The task the last
// delta built is remembered in one slot, as the store reads each task as soon as it is
// published; a stream keeps an entry in a weak table only for the tasks it queues for a loop.
// Known limit: a task set aside and reduced after later deltas by other means has its log read
// whole, at a cost in proportion to the log; an entry for every task cost more than the rest
// of a delta's work. The slot holds the last such task until the next delta.
const last: Appended = { task: null, previous: '', added: '' }
const kept = new WeakMap<Task, Appended>()

/** Keeps what the last delta added to `task`'s log for a reader that comes later. */
export function keepAppended(task: Task): void {
  if (last.task === task) kept.set(task, { ...last })
}

/** The text a delta added to `task.logs`, when `task` is that log `previous` plus a delta. */
export function logsAddedTo(task: Task, previous: unknown): string | null {
  const entry = last.task === task ? last : kept.get(task)
  return entry !== undefined && entry.previous === previous ? entry.added : null
}

/** Whether a payload is a delta this client can apply: it has an `append` object. */
export function isDelta(
  payload: unknown,
): payload is { append: Record<string, unknown>; fields?: unknown } {
  return isRecord(payload) && isRecord(payload.append)
}

/** The strings of a `fields` list (the list itself when it holds nothing else); none if no list. */
function strings(fields: unknown): string[] {
  if (!Array.isArray(fields)) return []
  for (let i = 0; i < fields.length; i += 1) {
    if (typeof fields[i] !== 'string') return fields.filter((field) => typeof field === 'string')
  }
  return fields
}

function appendTo(target: unknown, append: unknown): unknown {
  if (typeof append === 'string') return typeof target === 'string' ? target + append : append
  if (Array.isArray(append)) return Array.isArray(target) ? [...target, ...append] : append
  if (!isRecord(append)) return append

  const next: Record<string, unknown> = isRecord(target) ? { ...target } : {}
  for (const key of Object.keys(append)) next[key] = appendTo(next[key], append[key])
  return next
}
