import { randomBytes } from 'node:crypto'
import { isTerminalStatus, Status } from './status'
import type { TaskProgress } from './task-app'

/** A task as the server sends it. */
export interface WireTask {
  /** `task_` and 20 hex digits. */
  id: string
  /** The app's id, such as `'local/image'`. */
  app: string
  /** A number from the seed's status table. */
  status: number
  /** The input as run, defaults filled in. */
  input: Record<string, unknown>
  /** What the app produced; `null` until it sets some. */
  output: Record<string, unknown> | null
  /** The whole log so far. */
  logs: string
  /** Why the task failed; `null` unless it did. */
  error: string | null
  /** Only present once the app reports progress itself. */
  progress?: TaskProgress | null
  /** ISO 8601 time of creation. */
  created_at: string
  /** ISO 8601 time of the latest change. */
  updated_at: string
}

/** One event of a task's stream, numbered by a per-task sequence. */
export type TaskEvent =
  | { id: number; event: 'update'; data: Partial<WireTask>; fields: string[] }
  | { id: number; event: 'done' }

/** A file an app produced, kept in memory. */
export interface StoredFile {
  /** The file's bytes. */
  body: Uint8Array
  /** Its media type. */
  contentType: string
}

/** Everything the server holds about one task. */
export interface TaskRecord {
  /** The task as sent; changed only through the registry's `update`. */
  readonly task: WireTask
  /** Aborted to stop the app's work. */
  readonly controller: AbortController
  /** The files the app produced, by URL-encoded name. */
  readonly files: Map<string, StoredFile>
  /** The id of the latest event. */
  seq: number
  /** The id of the latest `update` event: a snapshot sent now stands for it. */
  snapshotId: number
  /** The latest events, oldest first, for resuming streams. */
  readonly history: TaskEvent[]
  /** The open streams' callbacks. */
  readonly listeners: Set<(event: TaskEvent) => void>
}

/** The in-memory store of tasks, and the one place that changes them. */
export interface TaskRegistry {
  /** Adds a RECEIVED task; its state then is event 1. */
  create(app: string, input: Record<string, unknown>): TaskRecord
  /** The task with this id, if any. */
  get(id: string): TaskRecord | undefined
  /** Every task, oldest first. */
  all(): IterableIterator<TaskRecord>
  /** Applies changes and emits them as one event; a no-op on terminal tasks. */
  update(record: TaskRecord, changes: Partial<WireTask>): void
  /** Calls `listener` with every later event of the task; returns the unsubscribe. */
  subscribe(record: TaskRecord, listener: (event: TaskEvent) => void): () => void
  /** The events after `lastId`, or `null` when they are no longer (or never were) held. */
  eventsAfter(record: TaskRecord, lastId: number): TaskEvent[] | null
}

// Known limit: tasks and their files stay in memory for the server's life; it is a local
// development and test server, not a store.
/** Creates an empty registry that keeps at most `historyLimit` events per task for resuming. */
export function createTaskRegistry(historyLimit = 2000): TaskRegistry {
  const tasks = new Map<string, TaskRecord>()

  function emit(record: TaskRecord, event: TaskEvent): void {
    record.history.push(event)
    if (record.history.length > historyLimit) record.history.shift()
    for (const listener of [...record.listeners]) listener(event)
  }

  return {
    create(app, input) {
      const now = new Date().toISOString()
      const task: WireTask = {
        id: `task_${randomBytes(10).toString('hex')}`,
        app,
        status: Status.RECEIVED,
        input,
        output: null,
        logs: '',
        error: null,
        created_at: now,
        updated_at: now,
      }
      const record: TaskRecord = {
        task,
        controller: new AbortController(),
        files: new Map(),
        seq: 1,
        snapshotId: 1,
        history: [],
        listeners: new Set(),
      }
      tasks.set(task.id, record)
      return record
    },

    get: (id) => tasks.get(id),

    all: () => tasks.values(),

    update(record, changes) {
      if (isTerminalStatus(record.task.status)) return

      const data: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(changes)) {
        const current = (record.task as unknown as Record<string, unknown>)[key]
        if (!sameValue(current, value)) data[key] = value
      }
      if (Object.keys(data).length === 0) return

      data.updated_at = new Date().toISOString()
      Object.assign(record.task, data)
      record.seq += 1
      record.snapshotId = record.seq
      emit(record, { id: record.seq, event: 'update', data, fields: Object.keys(data) })

      if (isTerminalStatus(record.task.status)) {
        record.seq += 1
        emit(record, { id: record.seq, event: 'done' })
      }
    },

    subscribe(record, listener) {
      record.listeners.add(listener)
      return () => record.listeners.delete(listener)
    },

    eventsAfter(record, lastId) {
      if (!Number.isInteger(lastId) || lastId < 1 || lastId > record.seq) return null
      if (lastId === record.seq) return []

      const first = record.history[0]
      if (first === undefined || first.id > lastId + 1) return null
      return record.history.filter((event) => event.id > lastId)
    },
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  return JSON.stringify(a) === JSON.stringify(b)
}
