import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { quote, StreamError } from './errors'
import { toApiError } from './http'
import type { StreamMessage, Transport, TransportHandlers, TransportRequest } from './transport'

/**
 * Reads a task's stream as Server-Sent Events over `fetch`. Comments are heartbeats, unknown
 * event types are ignored, and an event whose data is not JSON is reported and skipped.
 */
export const sseTransport: Transport = async (request, handlers) => {
  const headers = new Headers(request.headers)
  headers.set('Accept', 'text/event-stream')
  if (request.lastEventId !== null) headers.set('Last-Event-ID', request.lastEventId)

  const response = await guard(request, () =>
    request.fetch(request.url, { headers, signal: request.signal }),
  )
  if (!response.ok) throw await toApiError(response, `GET ${request.url}`)

  // Anything but an event stream (a login page, a buffering proxy's JSON) is never parsed.
  const contentType = response.headers.get('content-type') ?? ''
  if (!contentType.toLowerCase().startsWith('text/event-stream')) {
    await response.body?.cancel().catch(() => undefined)
    const message = `${request.url} answered ${quote(contentType)}, not text/event-stream`
    throw new StreamError('unexpected-content-type', message, null)
  }
  if (response.body === null) return 'ended'
  handlers.onOpen()

  let done = false
  const parser = createParser({
    onEvent(event) {
      const message = toMessage(event, handlers)
      if (message === null || done) return
      done = message.event === 'done'
      handlers.onMessage(message)
    },
    onRetry: (delayMs) => handlers.onRetry(delayMs),
  })

  // Known limit: no idle timeout. A connection that stays open but goes silent (no events, no
  // heartbeats) is waited on until the server or the network ends it; stall detection belongs
  // with the fuller reconnect policy.
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  try {
    while (!done) {
      const chunk = await guard(request, () => reader.read())
      if (chunk.done) break
      parser.feed(decoder.decode(chunk.value, { stream: true }))
    }
  } finally {
    // Ends the connection after `done`; a no-op on a body already read to its end.
    reader.cancel().catch(() => undefined)
  }
  return done ? 'done' : 'ended'
}

/** Reads one SSE event into a stream message; `null` for types the protocol does not use. */
function toMessage(event: EventSourceMessage, handlers: TransportHandlers): StreamMessage | null {
  // Servers that send data-only events (the SSE default type `message`) mean `update`.
  const type = event.event ?? 'message'
  const id = event.id ?? null

  if (type === 'done') return { event: 'done', data: readJson(event.data) ?? null, id }
  if (type === 'error') return { event: 'error', data: readJson(event.data) ?? event.data, id }
  if (type !== 'update' && type !== 'message') return null

  const data = readJson(event.data)
  if (data === undefined) {
    const message = `Skipped an update whose data is not JSON: ${quote(event.data)}`
    handlers.onError(new StreamError('malformed-event', message, null))
    return null
  }
  return { event: 'update', data, id }
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Runs one network step: an abort rethrows the signal's reason, anything else is `network`. */
async function guard<T>(request: TransportRequest, step: () => Promise<T>): Promise<T> {
  try {
    return await step()
  } catch (error) {
    if (request.signal.aborted) throw request.signal.reason
    const reason = error instanceof Error ? error.message : quote(error)
    const message = `The stream at ${request.url} failed: ${reason}`
    throw new StreamError('network', message, null, error)
  }
}
