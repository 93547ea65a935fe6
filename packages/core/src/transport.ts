import type { StreamError } from './errors'

/** One message of a task's stream, its JSON payload already read. */
export interface StreamMessage {
  /**
   * `update` carries a task or a `{data, fields}` envelope; `delta` a `{data}` whose strings are
   * appended to the task's; `done` ends; `error` reports.
   */
  event: 'update' | 'delta' | 'done' | 'error'
  /** The parsed JSON payload (for `error`, the raw text when it is not JSON). */
  data: unknown
  /** The message's id, which a reconnect sends back as `Last-Event-ID`. */
  id: string | null
}

/** Where and how to open one connection to a task's stream. */
export interface TransportRequest {
  /** The stream's URL, such as `https://api.inference.sh/tasks/x/stream`. */
  url: string
  /** The task's own URL, such as `https://api.inference.sh/tasks/x`, for polling. */
  taskUrl: string
  /** Authorization and version headers; the transport adds its own `Accept`. */
  headers: Headers
  /** Sent as `Last-Event-ID` when resuming. */
  lastEventId: string | null
  /** Aborting it ends the connection; the transport then rejects with its reason. */
  signal: AbortSignal
  /** The fetch to connect with. */
  fetch: typeof fetch
  /** A connection silent this long (no byte at all) is given up as broken; 0 turns it off. */
  heartbeatTimeoutMs: number
  /** How often the polling transport re-reads the task, in ms. */
  pollIntervalMs: number
}

/** What a transport reports while a connection is open. */
export interface TransportHandlers {
  /** The server accepted the stream. */
  onOpen(): void
  /** One message arrived. */
  onMessage(message: StreamMessage): void
  /** The server asked for this reconnection delay (SSE `retry:`), from now on. */
  onRetry(delayMs: number): void
  /** Something was wrong with one message; it was skipped and the stream goes on. */
  onError(error: StreamError): void
}

/** How one connection ended: after `done`, without it, or with a `204` that says stop. */
export type TransportEnd = 'done' | 'ended' | 'stop'

/**
 * Opens one connection and reads it until it ends: resolves `'done'` after a `done` message,
 * `'ended'` when the body ends without one, `'stop'` when the server answers 204. Rejects with
 * `ApiError` for an error answer, `StreamError` for a broken connection, and the signal's
 * reason when aborted. SSE, NDJSON and polling all have this shape.
 */
export type Transport = (
  request: TransportRequest,
  handlers: TransportHandlers,
) => Promise<TransportEnd>
