import { ApiError, quote, StreamError } from './errors'
import { apiHeaders, apiUrl, isRecord } from './http'
import { applyDelta, isDelta, mergeTask, readUpdate } from './merge-task'
import { hasOvertaken, reconcileTask, settleTask } from './reconcile-task'
import { sleep } from './sleep'
import { isTerminal } from './status'
import type { TaskStreamConfig } from './task-stream'
import type { StreamMessage, TransportEnd } from './transport'
import type { ConnectionState, Task } from './types'
import { warnOnce } from './warn-once'

/** What following a task reports to the stream around it. */
export interface FollowHooks {
  /** A new merged task, and the keys a partial update changed (`null`: a whole task). */
  publish(task: Task, fields: string[] | null): void
  /** The connection's state changed. */
  setConnection(state: ConnectionState): void
  /** The merged task published last. */
  current(): Task | null
}

/** How many connections in a row cut before their first event make it try the next transport. */
const cutsBeforeFallback = 2

/**
 * Follows one task until it ends: connects, merges every event, and when a connection ends
 * early re-reads the task, reconciles it with what the resumed stream replays, and reconnects
 * with `Last-Event-ID` after a backoff. Falls back to the next transport when connections keep
 * being cut before their first event. Resolves with the last task; rejects when it gives up.
 */
export async function followTask(
  config: TaskStreamConfig,
  signal: AbortSignal,
  hooks: FollowHooks,
): Promise<Task> {
  const { source, options } = config
  const context = { id: 'id' in source ? source.id : '', statusTable: config.statusTable }
  // `streamed` is the task as the events say; `floor` the re-read a replay must not undo.
  let streamed: Task | null = null
  let floor: Task | null = null

  // Whether the task last published has ended: then nothing more is read.
  let ended = false
  const show = (fields: string[] | null): void => {
    if (streamed === null) return
    if (floor !== null && hasOvertaken(floor, streamed)) {
      streamed = settleTask(floor, streamed)
      floor = null
    }
    const task = floor === null ? streamed : reconcileTask(floor, streamed)
    ended = hasEnded(task)
    hooks.publish(task, fields)
  }
  const skipped = (what: string, value: unknown): StreamError =>
    new StreamError('malformed-event', `Skipped ${what}: ${quote(value)}`, context.id)
  const report = (error: StreamError): void => {
    warnOnce(error.kind, error.message)
    options.onError?.(error)
  }

  if (signal.aborted) throw signal.reason
  if ('create' in source) {
    streamed = await source.create(signal)
    context.id = streamed.id
    show(null)
  }

  const path = `/tasks/${encodeURIComponent(context.id)}`
  let attempt = 0
  let lastEventId: string | null = null
  // `lastEventId` as an integer, to tell a replayed event; NaN when it is none.
  let lastEventNumber = Number.NaN
  let serverDelayMs: number | null = null
  let level = 0
  let cuts = 0
  const announce = (): void => {
    const name = config.transports[level]?.name
    if (name !== undefined) options.onTransportChange?.(name)
  }
  announce()

  while (!ended) {
    hooks.setConnection(attempt === 0 ? 'connecting' : 'reconnecting')
    const link = new AbortController()
    const unlink = forward(signal, link)
    const resumedFrom: string | null = lastEventId
    // Whether any event arrived (`reached`), and one that was new (`heard`).
    let heard = false
    let reached = false
    let serverError: StreamError | null = null

    const onMessage = (message: StreamMessage): void => {
      reached = true
      if (ended || serverError !== null) return
      if (message.id !== null) {
        // A server that replays from the start resends numeric ids that do not go past the last.
        const number = eventNumber(message.id)
        if (number <= lastEventNumber) return
        lastEventId = message.id
        lastEventNumber = number
      }
      heard = true

      if (message.event === 'error') serverError = toServerError(message.data, context.id)
      else if (message.event === 'update') applyUpdate(message.data)
      else if (message.event === 'delta') applyDeltaMessage(message.data)
      // The task is over (or the server gave up): stop reading, whatever follows.
      if (ended || serverError !== null) link.abort()
    }

    const applyUpdate = (data: unknown): void => {
      const update = readUpdate(data)
      if (update === null) {
        report(skipped('an update that is not an object', data))
        return
      }
      const named = update.data.id
      if (update.kind === 'whole' && typeof named === 'string' && named !== context.id) {
        report(skipped('an update for another task', named))
        return
      }
      streamed = mergeTask(streamed, update, context)
      show(update.kind === 'partial' ? update.fields : null)
    }

    const applyDeltaMessage = (data: unknown): void => {
      if (!isDelta(data)) {
        report(skipped('a bad delta', data))
        return
      }
      streamed = applyDelta(streamed, data, context)
      // Only `onPartialUpdate` reads the keys a delta changed: list them only for it.
      show(options.onPartialUpdate === undefined ? unread : deltaFields(data))
    }

    // A server that never answers is as silent as a stream that stops: give it up alike.
    const limit = config.heartbeatTimeoutMs
    const unanswered =
      limit > 0 ? setTimeout(() => link.abort(silence(context.id, limit)), limit) : undefined

    // One connection: read it until it ends, the task ends, or it fails.
    const chosen = config.transports[level]
    let failure: unknown = null
    let end: TransportEnd | undefined
    try {
      end = await chosen?.transport(
        {
          url: apiUrl(config.http, `${path}/stream?deltas=true`),
          taskUrl: apiUrl(config.http, path),
          headers: apiHeaders(config.http, {}),
          lastEventId,
          signal: link.signal,
          fetch: config.http.fetch,
          heartbeatTimeoutMs: config.heartbeatTimeoutMs,
          pollIntervalMs: config.pollIntervalMs,
        },
        {
          onOpen: () => {
            clearTimeout(unanswered)
            hooks.setConnection('open')
          },
          onMessage,
          onRetry: (delayMs) => {
            serverDelayMs = delayMs
          },
          onError: (error) => report(error),
        },
      )
    } catch (error) {
      if (signal.aborted) throw signal.reason
      if (!link.signal.aborted) failure = error
    } finally {
      clearTimeout(unanswered)
      unlink()
    }

    if (ended) break
    if (serverError !== null) throw serverError
    if (failure !== null && !isRetryable(failure)) throw failure

    // Retries count only while nothing moves: new event ids (or any message, from a server
    // that sends no ids) show the task is still being followed.
    if (lastEventId !== resumedFrom || (lastEventId === null && heard)) attempt = 0

    // A buffering proxy cuts (or holds) every stream before its first event, even one whose
    // `retry:` line or heartbeats got through: try the next way.
    cuts = reached ? 0 : cuts + 1
    if (cuts >= cutsBeforeFallback && level < config.transports.length - 1) {
      level += 1
      cuts = 0
      attempt = 0
      announce()
    }

    // The stream ended early (or said stop): re-read the task and reconcile with the replay.
    hooks.setConnection('reconnecting')
    try {
      const fresh = await config.readTask(context.id, signal)
      if (isRecord(fresh)) {
        floor = mergeTask(hooks.current(), { kind: 'whole', data: fresh }, context)
        streamed ??= floor
        show(null)
      }
    } catch (error) {
      if (signal.aborted || !isRetryable(error)) throw error
      failure = error
    }
    if (ended) break
    if (end === 'stop') {
      const text = `The stream of ${quote(context.id)} answered 204: stop`
      throw new StreamError('ended', text, context.id)
    }

    attempt += 1
    // The server's `retry:` holds for every wait; a `Retry-After` only for the one it came with.
    const asked = failure instanceof ApiError ? failure.retryAfterMs : null
    const floorMs = Math.max(serverDelayMs ?? 0, asked ?? 0)
    const delayMs = config.reconnect(attempt, floorMs > 0 ? floorMs : null)
    if (delayMs === null) {
      const text = `The stream of ${quote(context.id)} ended ${attempt} times in a row`
      throw failure ?? new StreamError('ended', text, context.id)
    }
    await sleep(delayMs, signal)
  }

  const task = hooks.current()
  if (task === null) throw new StreamError('ended', 'The stream ended with no task', context.id)
  return task
}

/** The keys a delta changes: those its `fields` name, then those it appends to. */
function deltaFields(delta: { append: Record<string, unknown>; fields?: unknown }): string[] {
  const appended = Object.keys(delta.append)
  return Array.isArray(delta.fields) ? [...delta.fields.map(String), ...appended] : appended
}

// The keys of a delta when nothing reads them.
const unread: string[] = []

/** Whether a merged task (its status already parsed) is COMPLETED, FAILED or CANCELLED. */
export function hasEnded(task: Task | null): boolean {
  return task !== null && typeof task.status === 'number' && isTerminal(task.status)
}

/** An event id read as an integer; NaN for none or an opaque id, which is never compared. */
function eventNumber(id: string | null): number {
  const number = id === null ? Number.NaN : Number(id)
  return Number.isInteger(number) ? number : Number.NaN
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

function silence(taskId: string, limitMs: number): StreamError {
  const text = `The stream of ${quote(taskId)} sent no answer for ${limitMs} ms`
  return new StreamError('network', text, taskId)
}

/** Aborts `target` when `source` aborts; returns the unhooking function. */
function forward(source: AbortSignal, target: AbortController): () => void {
  const onAbort = (): void => target.abort(source.reason)
  source.addEventListener('abort', onAbort, { once: true })
  return () => source.removeEventListener('abort', onAbort)
}
