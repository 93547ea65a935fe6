import { describe, expect, it } from 'vitest'
import {
  parseSse,
  readBody,
  runApp,
  type SseEvent,
  startServer,
  streamFromStart,
  waitFor,
} from './helpers'

describe('fault injection', () => {
  it('is off unless asked for', async () => {
    const { url } = await startServer()
    const task = await runApp(url, 'local/text', { prompt: 'x', max_tokens: 3 })

    const events = parseSse(await readBody(await fetch(`${url}/tasks/${task.id}/stream`)))

    expect(events.at(-1)?.event).toBe('done')
  })

  it('ends a stream after N events without done, and the client can resume', async () => {
    const { url } = await startServer({ faults: { dropAfterEvents: 3, streams: 1 } })
    const task = await runApp(url, 'local/text', { prompt: 'x', max_tokens: 5 })

    const cut = parseSse(await readBody(await streamFromStart(url, task.id)))
    const withIds = cut.filter((event) => event.id !== undefined)
    const resumed = await fetch(`${url}/tasks/${task.id}/stream`, {
      headers: { 'Last-Event-ID': withIds.at(-1)?.id ?? '' },
    })
    const rest = parseSse(await readBody(resumed)).filter((event) => event.id !== undefined)

    expect(withIds).toHaveLength(3)
    expect(withIds.some((event) => event.event === 'done')).toBe(false)
    expect(Number(rest[0]?.id)).toBe(Number(withIds.at(-1)?.id) + 1)
    expect(rest.at(-1)?.event).toBe('done')
  })

  it('cuts a stream mid-event after N bytes', async () => {
    const { url } = await startServer({ faults: { dropAfterBytes: 40 } })
    const task = await runApp(url, 'local/text', { prompt: 'x', max_tokens: 3 })

    const text = await readBody(await fetch(`${url}/tasks/${task.id}/stream`))

    expect(Buffer.byteLength(text)).toBe(40)
  })

  it('breaks the connection off after what was written when the drop mode is destroy', async () => {
    const { url } = await startServer({ faults: { dropAfterEvents: 2, dropMode: 'destroy' } })
    const task = await runApp(url, 'local/text', { prompt: 'x', max_tokens: 3 })

    const response = await fetch(`${url}/tasks/${task.id}/stream`)
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let text = ''
    const broken = await (async () => {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return null
        text += decoder.decode(value, { stream: true })
      }
    })().catch((error: unknown) => error)

    expect(broken).toBeInstanceOf(TypeError)
    const events = parseSse(text).filter((event) => event.id !== undefined)
    expect(events.map((event) => event.event)).toEqual(['update', 'update'])
  })

  it('goes silent after N events, heartbeats too, and keeps the connection open', async () => {
    const { server, url } = await startServer({
      heartbeatMs: 5,
      faults: { stallAfterEvents: 1, streams: 1 },
    })
    const task = await runApp(url, 'local/text', { prompt: 'x', max_tokens: 3 })
    const stalled = await fetch(`${url}/tasks/${task.id}/stream`)

    await readBody(await fetch(`${url}/tasks/${task.id}/stream`))
    expect(server.openStreams(task.id)).toBe(1)
    const text = await readBody(stalled, () => false, 100)

    expect(parseSse(text).map((event) => event.event ?? event.comment)).toEqual([
      undefined,
      'update',
    ])
  })

  it('writes a malformed event before the Nth event and loses nothing', async () => {
    const { server, url } = await startServer()
    const task = await runApp(url, 'local/text', { prompt: 'x', max_tokens: 5 })
    await waitFor(async () => {
      const response = await fetch(`${url}/tasks/${task.id}`)
      return ((await response.json()) as { status: number }).status === 10
    })
    const clean = parseSse(await readBody(await streamFromStart(url, task.id)))
    server.setFaults({ malformedEventAt: 2 })

    const events = parseSse(await readBody(await streamFromStart(url, task.id)))
    const broken = events.filter((event) => {
      try {
        JSON.parse(event.data ?? '{}')
        return false
      } catch {
        return true
      }
    })

    expect(broken).toHaveLength(1)
    // It comes just before the second event: one event with an id precedes it.
    const before = events.slice(0, events.indexOf(broken[0] as SseEvent))
    expect(before.filter((event) => event.id !== undefined)).toHaveLength(1)
    // Every event of the undisturbed stream is still there, unchanged and in order.
    expect(events.filter((event) => !broken.includes(event))).toEqual(clean)
    expect(clean.length).toBeGreaterThan(4)
  })

  it('answers the next N requests with the status and Retry-After asked for', async () => {
    const { server, url } = await startServer()
    server.setFaults({
      failRequests: { status: 503, count: 2, retryAfterSeconds: 3, path: '/apps' },
    })

    const statuses: number[] = []
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${url}/apps`)).status)
    server.setFaults({ failRequests: { status: 429, count: 1 } })
    const limited = await fetch(`${url}/tasks/task_x`)

    expect(statuses).toEqual([503, 503, 200])
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')
    expect((await limited.json()).type).toBe('urn:taskstream:problem:injected-fault')
  })
})
