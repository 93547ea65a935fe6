import { isRecord } from './http'
import { openStream, readText } from './open-stream'
import { readJson } from './read-json'
import type { StreamMessage, Transport, TransportHandlers } from './transport'

const ndjsonTypes = ['application/x-ndjson', 'application/jsonl']

/**
 * Reads a task's stream as NDJSON: one `{id, event, data, fields?}` object a line, as the
 * official SDK streams it; `{"type":"heartbeat"}` lines only keep the connection alive. A line
 * that is not JSON is reported and skipped; a line cut off by the end is never read.
 */
export const ndjsonTransport: Transport = async (request, handlers) => {
  const body = await openStream(request, 'application/x-ndjson', ndjsonTypes)
  if (body === null) return 'stop'
  handlers.onOpen()

  let done = false
  // The start of a line whose end has not come yet. Only new text is searched for a line end,
  // so a line of megabytes arriving in many chunks costs its length once, not once a chunk.
  let pending = ''
  await readText(request, body, (text) => {
    let start = 0
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const line = pending + text.slice(start, end)
      pending = ''
      start = end + 1
      const message = toMessage(line, handlers)
      if (message === null) continue
      handlers.onMessage(message)
      if (message.event === 'done') {
        done = true
        return false
      }
    }
    pending += text.slice(start)
    return true
  })
  return done ? 'done' : 'ended'
}

function toMessage(line: string, handlers: TransportHandlers): StreamMessage | null {
  if (line.trim() === '') return null
  const value = readJson(line, handlers)
  if (!isRecord(value) || value.type === 'heartbeat') return null

  const id = typeof value.id === 'string' || typeof value.id === 'number' ? String(value.id) : null
  const event = value.event ?? 'update'
  if (event === 'done' || event === 'error') return { event, data: value.data ?? null, id }
  if (event === 'delta') {
    return { event, data: { data: value.data, fields: value.fields, append: value.append }, id }
  }
  if (event !== 'update') return null
  const data = Array.isArray(value.fields) ? { data: value.data, fields: value.fields } : value.data
  return { event: 'update', data, id }
}
