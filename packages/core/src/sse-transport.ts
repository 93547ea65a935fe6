import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { openStream, readText } from './open-stream'
import { readJson } from './read-json'
import type { StreamMessage, Transport, TransportHandlers } from './transport'
import { warnOnce } from './warn-once'

/**
 * Reads a task's stream as Server-Sent Events over `fetch` (WHATWG processing model through
 * eventsource-parser). Comments are heartbeats, unknown event types are ignored, an event whose
 * data is not JSON is reported and skipped, and an event cut off by the end is never dispatched.
 */
export const sseTransport: Transport = async (request, handlers) => {
  const body = await openStream(request, 'text/event-stream', ['text/event-stream'])
  if (body === null) return 'stop'
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
    // A bad `retry:` or an unknown field is the server's slip, not a reason to stop reading.
    onError: (error) => warnOnce(error.type, error.message),
  })

  let endsInCr = false
  await readText(request, body, (text) => {
    parser.feed(text)
    if (text !== '') endsInCr = text.endsWith('\r')
    return !done
  })
  // A last `\r` may be waiting for a `\n`; at the end it is a line end of its own.
  if (!done && endsInCr) parser.feed('\n')
  return done ? 'done' : 'ended'
}

/** Reads one SSE event into a stream message; `null` for types the protocol does not use. */
function toMessage(event: EventSourceMessage, handlers: TransportHandlers): StreamMessage | null {
  // Servers that send data-only events (the SSE default type `message`) mean `update`.
  const type = event.event === undefined || event.event === 'message' ? 'update' : event.event
  const id = event.id ?? null
  if (type === 'delta' || type === 'update' || type === 'done') {
    const data = readJson(event.data, handlers)
    return data === undefined ? null : { event: type, data, id }
  }
  if (type !== 'error') return null
  return { event: type, data: readJson(event.data, handlers) ?? event.data, id }
}
