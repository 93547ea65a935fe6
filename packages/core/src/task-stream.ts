import { StreamError, TaskCancelledError, TaskFailedError } from './errors'
import { followTask, hasEnded } from './follow-task'
import type { HttpConfig } from './http'
import { keepAppended } from './merge-task'
import type { ReconnectPolicy } from './reconnect-policy'
import { type StatusTable, TaskStatus } from './status'
import { createTaskFeed, type TaskFeed } from './task-feed'
import type { Transport } from './transport'
import type { ConnectionState, Task, TransportName } from './types'

/** Options for following a task; all are optional. */
export interface StreamOptions {
  /** Aborts the request, the stream and any wait; `result` rejects with the signal's reason. */
  signal?: AbortSignal | undefined
  /** Called with the merged task after every update. */
  onUpdate?: ((task: Task) => void) | undefined
  /** Called after a partial update with the merged task and the keys that changed. */
  onPartialUpdate?: ((task: Task, fields: string[]) => void) | undefined
  /** Called when a message is skipped (not JSON, or naming another task); the stream goes on. */
  onError?: ((error: StreamError) => void) | undefined
  /** Called when the connection opens, drops and reconnects, or closes. */
  onConnectionChange?: ((state: ConnectionState) => void) | undefined
  /** Called with the transport in use at the start, and again whenever it falls back. */
  onTransportChange?: ((transport: TransportName) => void) | undefined
}

/** A live task: iterate it for each merged task so far, or await `result` for the last one. */
export interface TaskStream extends AsyncIterable<Task>, AsyncDisposable, Disposable {
  /**
   * The final task once COMPLETED; rejects with `TaskFailedError`, `TaskCancelledError`, the
   * error that ended the stream, or `StreamError` (`closed`) after `close()`.
   */
  readonly result: Promise<Task>
  /** The merged task so far, `null` before the first update. */
  readonly task: Task | null
  /** Aborts the connection and ends every loop over the stream; safe to call twice. */
  close(): void
}

/** What a stream is built from; `createClient` fills it in. */
export interface TaskStreamConfig {
  /** The task to follow, or how to create it first (`run` with `stream: true`). */
  source: { id: string } | { create: (signal: AbortSignal) => Promise<Task> }
  /** Where the API is and how to reach it. */
  http: HttpConfig
  /** How to read one connection, best first: the stream falls back down this list. */
  transports: ReadonlyArray<{ name: TransportName; transport: Transport }>
  /** A connection silent this long is replaced; 0 never (see `ReconnectOptions`). */
  heartbeatTimeoutMs: number
  /** How often the polling transport re-reads the task. */
  pollIntervalMs: number
  /** How to read status numbers. */
  statusTable: StatusTable
  /** How long to wait before each reconnect, and when to give up. */
  reconnect: ReconnectPolicy
  /** Re-reads the task when its stream ends early: the answer as sent, statuses unparsed. */
  readTask: (id: string, signal: AbortSignal) => Promise<unknown>
  /** The caller's options. */
  options: StreamOptions
}

/**
 * Follows one task: connects at once, merges each update into the task so far, and when the
 * stream ends before the task does, re-reads the task and resumes with `Last-Event-ID`.
 */
export function createTaskStream(config: TaskStreamConfig): TaskStream {
  const { options } = config
  const controller = new AbortController()
  const feeds = new Set<TaskFeed>()
  let task: Task | null = null
  let connection: ConnectionState = 'idle'
  let closed = false
  let ending: { error: unknown } | null = null

  const setConnection = (next: ConnectionState): void => {
    if (next === connection) return
    connection = next
    options.onConnectionChange?.(next)
  }

  const publish = (next: Task, fields: string[] | null): void => {
    task = next
    if (feeds.size > 0) {
      // A loop reads its tasks later, after newer deltas: keep what this one added to the log.
      keepAppended(next)
      for (const feed of feeds) feed.push(next)
    }
    options.onUpdate?.(next)
    if (fields !== null) options.onPartialUpdate?.(next, fields)
  }

  const abort = (): void => controller.abort(options.signal?.reason)
  if (options.signal?.aborted) abort()
  else options.signal?.addEventListener('abort', abort, { once: true })

  // Follow until the task ends; once it has ended, an abort or close no longer matters.
  const current = (): Task | null => task
  const result = followTask(config, controller.signal, { publish, setConnection, current })
    .catch((error: unknown) => {
      if (task !== null && hasEnded(task)) return task
      throw error
    })
    .then(conclude)

  result.then(
    () => finish(undefined),
    (error: unknown) => finish(closed ? undefined : error),
  )

  function finish(error: unknown): void {
    ending = { error }
    setConnection('closed')
    options.signal?.removeEventListener('abort', abort)
    for (const feed of feeds) feed.end(error)
    feeds.clear()
  }

  function close(): void {
    if (closed) return
    closed = true
    const taskId = task?.id ?? ('id' in config.source ? config.source.id : null)
    const reason = new StreamError('closed', 'The stream was closed before the task ended', taskId)
    controller.abort(reason)
    for (const feed of feeds) feed.stop()
    feeds.clear()
  }

  return {
    result,
    get task() {
      return task
    },
    close,
    [Symbol.asyncIterator]() {
      const feed = createTaskFeed(() => {
        feeds.delete(feed)
        if (feeds.size === 0) close()
      })
      // A loop that starts late begins with the task so far.
      if (task !== null) feed.push(task)
      if (closed) feed.stop()
      else if (ending !== null) feed.end(ending.error)
      else feeds.add(feed)
      return feed
    },
    async [Symbol.asyncDispose]() {
      close()
    },
    [Symbol.dispose]() {
      close()
    },
  }
}

/** A COMPLETED task is the result; FAILED and CANCELLED reject with the task. */
function conclude(task: Task): Task {
  if (task.status === TaskStatus.FAILED) throw new TaskFailedError(task)
  if (task.status === TaskStatus.CANCELLED) throw new TaskCancelledError(task)
  return task
}
