import { ApiError, quote, StreamError, TaskCancelledError, TaskFailedError } from './errors'
import { apiHeaders, apiUrl, type HttpConfig, isRecord } from './http'
import { mergeTask, readUpdate } from './merge-task'
import type { ReconnectPolicy } from './reconnect-policy'
import { isTerminal, type StatusTable, TaskStatus } from './status'
import { createTaskFeed, type TaskFeed } from './task-feed'
import type { StreamMessage, Transport } from './transport'
import type { ConnectionState, Task } from './types'

/** Options for following a task; all are optional. */
export interface StreamOptions {
  /** Aborts the request, the stream and any wait; `result` rejects with the signal's reason. */
  signal?: AbortSignal | undefined
  /** Called with the merged task after every update. */
  onUpdate?: ((task: Task) => void) | undefined
  /** Called after a partial update with the merged task and the keys that changed. */
  onPartialUpdate?: ((task: Task, fields: string[]) => void) | undefined
  /** Called when a message is skipped (say, an update that is not JSON); the stream goes on. */
  onError?: ((error: StreamError) => void) | undefined
  /** Called when the connection opens, drops and reconnects, or closes. */
  onConnectionChange?: ((state: ConnectionState) => void) | undefined
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
  /** How to read one connection of the stream. */
  transport: Transport
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
    for (const feed of feeds) feed.push(next)
    options.onUpdate?.(next)
    if (fields !== null) options.onPartialUpdate?.(next, fields)
  }

  const abort = (): void => controller.abort(options.signal?.reason)
  if (options.signal?.aborted) abort()
  else options.signal?.addEventListener('abort', abort, { once: true })

  // Follow until the task ends; once it has ended, an abort or close no longer matters.
  const result = follow(config, controller.signal, publish, setConnection, () => task)
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

/** Whether a merged task (its status already parsed) is COMPLETED, FAILED or CANCELLED. */
function hasEnded(task: Task): boolean {
  return typeof task.status === 'number' && isTerminal(task.status)
}

/** A COMPLETED task is the result; FAILED and CANCELLED reject with the task. */
function conclude(task: Task): Task {
  if (task.status === TaskStatus.FAILED) throw new TaskFailedError(task)
  if (task.status === TaskStatus.CANCELLED) throw new TaskCancelledError(task)
  return task
}

type Publish = (task: Task, fields: string[] | null) => void

async function follow(
  config: TaskStreamConfig,
  signal: AbortSignal,
  publish: Publish,
  setConnection: (state: ConnectionState) => void,
  current: () => Task | null,
): Promise<Task> {
  const { source } = config
  const context = { id: 'id' in source ? source.id : '', statusTable: config.statusTable }
  const ended = (): boolean => {
    const task = current()
    return task !== null && hasEnded(task)
  }

  // Create the task first when asked to (`run` with `stream: true`).
  if ('create' in source) {
    const created = await source.create(signal)
    context.id = created.id
    publish(created, null)
  }

  const url = apiUrl(config.http, `/tasks/${encodeURIComponent(context.id)}/stream`)
  let attempt = 0
  let lastEventId: string | null = null
  let serverDelayMs: number | null = null

  while (!ended()) {
    setConnection(attempt === 0 ? 'connecting' : 'reconnecting')
    const link = new AbortController()
    const unlink = forward(signal, link)
    const resumedFrom: string | null = lastEventId
    let heard = false
    let serverError: StreamError | null = null

    const onMessage = (message: StreamMessage): void => {
      if (ended() || serverError !== null) return
      heard = true
      if (message.id !== null) lastEventId = message.id

      if (message.event === 'error') serverError = toServerError(message.data, context.id)
      else if (message.event === 'update') applyUpdate(message.data)
      // The task is over (or the server gave up): stop reading, whatever follows.
      if (ended() || serverError !== null) link.abort()
    }

    const applyUpdate = (data: unknown): void => {
      const update = readUpdate(data)
      if (update === null) {
        const text = `Skipped an update that is not an object: ${quote(data)}`
        config.options.onError?.(new StreamError('malformed-event', text, context.id))
        return
      }
      const fields = update.kind === 'partial' ? update.fields : null
      publish(mergeTask(current(), update, context), fields)
    }

    // One connection: read it until it ends, the task ends, or it fails.
    let failure: unknown = null
    try {
      await config.transport(
        {
          url,
          headers: apiHeaders(config.http, {}),
          lastEventId,
          signal: link.signal,
          fetch: config.http.fetch,
        },
        {
          onOpen: () => setConnection('open'),
          onMessage,
          onRetry: (delayMs) => {
            serverDelayMs = delayMs
          },
          onError: (error) => config.options.onError?.(error),
        },
      )
    } catch (error) {
      if (signal.aborted) throw signal.reason
      if (!link.signal.aborted) failure = error
    } finally {
      unlink()
    }

    if (ended()) break
    if (serverError !== null) throw serverError
    if (failure !== null && !isRetryable(failure)) throw failure
    // Retries count only while nothing moves: new event ids (or any message, from a server
    // that sends no ids) show the task is still being followed.
    if (lastEventId !== resumedFrom || (lastEventId === null && heard)) attempt = 0

    // The stream ended early: re-read the task, then resume where the stream left off.
    setConnection('reconnecting')
    try {
      const fresh = await config.readTask(context.id, signal)
      if (isRecord(fresh)) {
        publish(mergeTask(current(), { kind: 'whole', data: fresh }, context), null)
      }
    } catch (error) {
      if (signal.aborted || !isRetryable(error)) throw error
      failure = error
    }
    if (ended()) break

    attempt += 1
    const delayMs = config.reconnect(attempt, serverDelayMs)
    if (delayMs === null) {
      const text = `The stream of task ${quote(context.id)} ended ${attempt} times in a row`
      throw failure ?? new StreamError('ended', text, context.id)
    }
    await sleep(delayMs, signal)
  }

  const task = current()
  if (task === null) throw new StreamError('ended', 'The stream ended with no task', context.id)
  return task
}

/** Connection trouble and server overload are worth another try; anything else is final. */
function isRetryable(error: unknown): boolean {
  if (error instanceof StreamError) return error.kind === 'network' || error.kind === 'ended'
  if (error instanceof ApiError) return error.status >= 500 || error.status === 429
  // fetch rejects with a TypeError when the network fails (WHATWG fetch, "network error").
  return error instanceof TypeError
}

function toServerError(data: unknown, taskId: string): StreamError {
  const record = isRecord(data) ? data : {}
  const said = [record.message, record.detail, record.title, data].find(
    (value): value is string => typeof value === 'string' && value !== '',
  )
  const text = `The server ended the stream: ${said ?? quote(data)}`
  return new StreamError('server-error', text, taskId)
}

/** Aborts `target` when `source` aborts; returns the unhooking function. */
function forward(source: AbortSignal, target: AbortController): () => void {
  const onAbort = (): void => target.abort(source.reason)
  source.addEventListener('abort', onAbort, { once: true })
  return () => source.removeEventListener('abort', onAbort)
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
