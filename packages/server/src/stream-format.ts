import type { OutgoingHttpHeaders } from 'node:http'

/** One event on its way to a client: a whole task, a partial update, a delta, or the end. */
export interface StreamFrame {
  id: number
  event: 'update' | 'delta' | 'done'
  /** The whole task, the changed keys of a partial update, or `{}` for `done`. */
  data: Record<string, unknown>
  /** Present on partial updates only: the keys of `data` that changed. */
  fields?: string[]
  /** On deltas only: text to append to the task's strings, by path. */
  append?: Record<string, unknown>
}

/** How one stream transport puts frames into bytes. */
export interface StreamFormat {
  readonly headers: OutgoingHttpHeaders
  /** Written once, before any frame; SSE advertises the reconnection delay there. */
  preamble(retryMs: number): string
  frame(frame: StreamFrame): string
  heartbeat(): string
  /** A deliberately broken event, for fault injection. */
  malformed(id: number): string
}

const noBuffering = {
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
}

/** Server-Sent Events: `id`, `event` and `data` lines, `: ping` comments as heartbeats. */
export const sseFormat: StreamFormat = {
  headers: { 'Content-Type': 'text/event-stream; charset=utf-8', ...noBuffering },
  preamble: (retryMs) => `retry: ${retryMs}\n\n`,

  frame({ id, event, data, fields, append }) {
    const payload =
      append !== undefined
        ? { data, fields, append }
        : fields === undefined
          ? data
          : { data, fields }
    return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
  },

  heartbeat: () => ': ping\n\n',
  malformed: (id) => `id: ${id}\nevent: update\ndata: {"data":{"status":\n\n`,
}

/** NDJSON, as the official SDK reads it: one `{id, event, data, fields?}` object a line. */
export const ndjsonFormat: StreamFormat = {
  headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', ...noBuffering },
  preamble: () => '',

  frame({ id, event, data, fields, append }) {
    const line = fields === undefined ? { id, event, data } : { id, event, data, fields, append }
    return `${JSON.stringify(line)}\n`
  },

  heartbeat: () => '{"type":"heartbeat"}\n',
  malformed: (id) => `{"id":${id},"event":"update","data":{"status":\n`,
}

/** Picks NDJSON when the client asks for it over SSE, else SSE (the default). */
export function pickStreamFormat(accept: string | undefined): StreamFormat {
  if (accept === undefined) return sseFormat
  const wantsNdjson = accept.includes('application/x-ndjson')
  const wantsSse = accept.includes('text/event-stream')
  return wantsNdjson && !wantsSse ? ndjsonFormat : sseFormat
}
