import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import {
  createClient,
  type StreamError,
  type StreamMessage,
  sseTransport,
  TaskStatus,
  type TransportHandlers,
} from '../src/index'
import { frame, jsonResponse, scriptedFetch, splitBytes, sseResponse } from './helpers/sse'

interface Outcome {
  end: unknown
  messages: StreamMessage[]
  errors: string[]
}

/** Reads `text` through the SSE transport, cut into chunks at the given byte offsets. */
async function readChunks(text: string, cuts: number[]): Promise<Outcome> {
  const { fetch } = scriptedFetch([() => sseResponse(splitBytes(text, cuts))])
  const messages: StreamMessage[] = []
  const errors: string[] = []
  const handlers: TransportHandlers = {
    onOpen: () => undefined,
    onMessage: (message) => messages.push(message),
    onRetry: () => undefined,
    onError: (error) => errors.push(error.kind),
  }
  const request = {
    url: 'http://test/tasks/t/stream',
    taskUrl: 'http://test/tasks/t',
    headers: new Headers(),
    lastEventId: null,
    signal: new AbortController().signal,
    fetch,
    heartbeatTimeoutMs: 0,
    pollIntervalMs: 0,
  }
  const end = await sseTransport(request, handlers).catch((error: unknown) => error)
  return { end, messages, errors }
}

const running = { id: 't', status: 7 }
const update = (data: unknown, id: string | null = null): StreamMessage => ({
  event: 'update',
  data,
  id,
})

// One row per parsing rule: the bytes on the wire and what the transport must make of them.
const rules: Array<{ rule: string; wire: string; messages: StreamMessage[]; errors?: string[] }> = [
  {
    rule: 'LF line ends',
    wire: 'id: 1\nevent: update\ndata: {"id":"t","status":7}\n\n',
    messages: [update(running, '1')],
  },
  {
    rule: 'CRLF line ends',
    wire: 'id: 1\r\nevent: update\r\ndata: {"id":"t","status":7}\r\n\r\n',
    messages: [update(running, '1')],
  },
  {
    rule: 'CR line ends',
    wire: 'id: 1\revent: update\rdata: {"id":"t","status":7}\r\r',
    messages: [update(running, '1')],
  },
  {
    rule: 'a BOM before the first field (an id) is dropped, so the id is read',
    wire: '\uFEFFid: 1\nevent: update\ndata: {"id":"t","status":7}\n\n',
    messages: [update(running, '1')],
  },
  {
    rule: 'a BOM before the first field (event: delta) is dropped, so the type is read',
    wire: '\uFEFFevent: delta\ndata: {"append":{"logs":"x\\n"}}\n\n',
    messages: [{ event: 'delta', data: { append: { logs: 'x\n' } }, id: null }],
  },
  {
    rule: 'data without the space after the colon',
    wire: 'event:update\ndata:{"id":"t","status":7}\n\n',
    messages: [update(running)],
  },
  {
    rule: 'data over several lines, joined with a newline',
    wire: 'event: update\ndata: {"id":"t",\ndata: "logs":"a é ✓ 🎨"}\n\n',
    messages: [update({ id: 't', logs: 'a é ✓ 🎨' })],
  },
  {
    rule: 'comment lines (heartbeats) dispatch nothing',
    wire: ': ping\n\n: another\nevent: update\ndata: {"id":"t","status":7}\n\n',
    messages: [update(running)],
  },
  {
    rule: 'an unknown field and a bad retry are skipped, not failures',
    wire: 'colour: blue\nretry: soon\nevent: update\ndata: {"id":"t","status":7}\n\n',
    messages: [update(running)],
  },
  {
    rule: 'an unnamed event carrying a task counts as an update',
    wire: 'data: {"id":"t","status":7}\n\n',
    messages: [update(running)],
  },
  {
    rule: 'unknown event types are ignored',
    wire: 'event: metrics\ndata: {"gpu":1}\n\nevent: update\ndata: {"id":"t","status":7}\n\n',
    messages: [update(running)],
  },
  {
    rule: 'a malformed event is reported and skipped; the next one is read',
    wire: 'event: update\ndata: {"status":\n\nevent: update\ndata: {"id":"t","status":7}\n\n',
    messages: [update(running)],
    errors: ['malformed-event'],
  },
  {
    rule: 'a delta is read as a delta',
    wire: 'id: 3\nevent: delta\ndata: {"append":{"logs":"x\\n"}}\n\n',
    messages: [{ event: 'delta', data: { append: { logs: 'x\n' } }, id: '3' }],
  },
  {
    rule: 'an error event carries its message',
    wire: 'event: error\ndata: {"message":"GPU lost"}\n\n',
    messages: [{ event: 'error', data: { message: 'GPU lost' }, id: null }],
  },
  {
    rule: 'done ends the stream; nothing after it is dispatched',
    wire: 'event: done\ndata: {}\n\nevent: update\ndata: {"id":"t","status":7}\n\n',
    messages: [{ event: 'done', data: {}, id: null }],
  },
  {
    rule: 'an event cut off by the end of the stream is never dispatched',
    wire: 'event: update\ndata: {"id":"t","status":7}\n\nevent: update\ndata: {"id":"t"}\n',
    messages: [update(running)],
  },
]

describe('sseTransport parsing rules', () => {
  it.each(rules)('$rule, cut at every byte', async ({ wire, messages, errors = [] }) => {
    const length = new TextEncoder().encode(wire).length
    const whole = await readChunks(wire, [])
    const everyByte = await readChunks(
      wire,
      Array.from({ length }, (_, index) => index),
    )

    expect(whole.messages).toEqual(messages)
    expect(whole.errors).toEqual(errors)
    expect(everyByte.messages).toEqual(messages)
    expect(everyByte.errors).toEqual(errors)
  })

  it('reads any chunking of a stream the same as the stream in one piece', async () => {
    const wire = rules.map((row) => row.wire.replace(/^\uFEFF/, '')).join('')
    const cut = wire.slice(0, wire.indexOf('event: done'))
    const reference = await readChunks(cut, [])
    const length = new TextEncoder().encode(cut).length

    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: length - 1 })), async (cuts) => {
        const outcome = await readChunks(
          cut,
          cuts.sort((a, b) => a - b),
        )
        expect(outcome.messages).toEqual(reference.messages)
        expect(outcome.errors).toEqual(reference.errors)
      }),
      { numRuns: 200 },
    )
    expect(reference.messages.length).toBeGreaterThan(10)
  })
})

describe('sseTransport over a client stream', () => {
  it('drops a BOM at the start of every connection, the one after a reconnect too', async () => {
    // Each connection decodes afresh: a BOM kept on either would rename its first field.
    const first = `\uFEFF${frame('update', { id: 't', status: 7, logs: 'a\n' }, 1)}`
    const delta = { data: { status: 10 }, fields: ['status'], append: { logs: 'b\n' } }
    const second = `\uFEFFevent: delta\nid: 2\ndata: ${JSON.stringify(delta)}\n\n`
    const { fetch, seen } = scriptedFetch([
      () => sseResponse(first),
      () => jsonResponse({ id: 't', status: 7, logs: 'a\n' }),
      () => sseResponse(second),
    ])
    const client = createClient({ baseUrl: 'http://test', fetch, reconnect: { initialDelayMs: 0 } })
    const errors: StreamError[] = []
    const task = await client.streamTask('t', { onError: (e) => errors.push(e) }).result

    expect(seen[2]?.headers.get('last-event-id')).toBe('1')
    expect(task).toMatchObject({ status: TaskStatus.COMPLETED, logs: 'a\nb\n' })
    expect(errors).toEqual([])
  })

  it('warns about an unknown field and a bad retry, and still completes the stream', async () => {
    // A fresh module graph, so warnings already given by the rows above do not hide these.
    vi.resetModules()
    const fresh = await import('../src/index')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      const wire = `colour: blue\nretry: soon\n${frame('update', { id: 't', status: 10 }, 1)}`
      const { fetch } = scriptedFetch([() => sseResponse(wire)])
      const client = fresh.createClient({ baseUrl: 'http://test', fetch })
      const errors: StreamError[] = []
      const task = await client.streamTask('t', { onError: (e) => errors.push(e) }).result

      expect(task.status).toBe(TaskStatus.COMPLETED)
      expect(errors).toEqual([])
      const warnings = warn.mock.calls.map((call) => String(call[0]))
      expect(warnings).toEqual([
        expect.stringMatching(/^\[@taskstream\/core\] .*colour/),
        expect.stringMatching(/^\[@taskstream\/core\] .*retry.*soon/),
      ])
    } finally {
      warn.mockRestore()
    }
  })
})
