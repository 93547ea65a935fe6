import { describe, expect, it } from 'vitest'
import {
  gatedApp,
  parseSse,
  readBody,
  runApp,
  startServer,
  streamFromStart,
  waitFor,
} from './helpers'

const isDone = (text: string) => text.includes('event: done')

describe('GET /tasks/:id/stream (SSE)', () => {
  it('sends the whole task, then partial updates with increasing ids, then done', async () => {
    const { app, release } = gatedApp()
    const { url } = await startServer({ apps: [app] })
    const task = await runApp(url, 'test/gated', {})

    const response = await fetch(`${url}/tasks/${task.id}/stream`)
    release()
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform')
    expect(response.headers.get('connection')).toBe('keep-alive')
    expect(response.headers.get('x-accel-buffering')).toBe('no')

    const events = parseSse(await readBody(response))
    expect(events[0]).toEqual({ retry: '1000' })
    expect(events[1]?.event).toBe('update')
    expect(JSON.parse(events[1]?.data ?? '')).toMatchObject({ id: task.id, status: 7, logs: '' })

    const ids = events.slice(1).map((event) => Number(event.id))
    expect(ids.every((id, index) => index === 0 || id === (ids[index - 1] ?? 0) + 1)).toBe(true)

    const partials = events.slice(2, -1).map((event) => JSON.parse(event.data ?? ''))
    expect(partials.map((partial) => partial.fields)).toEqual([
      ['logs', 'updated_at'],
      ['output', 'updated_at'],
      ['status', 'updated_at'],
    ])
    expect(partials[0].data.logs).toBe('released\n')
    expect(partials[2].data.status).toBe(10)
    expect(events.at(-1)).toMatchObject({ event: 'done', data: '{}' })
  })

  it('carries one output update per generated token', async () => {
    const { url } = await startServer()
    const task = await runApp(url, 'local/text', { prompt: 'keeper', max_tokens: 7 })

    const events = parseSse(await readBody(await streamFromStart(url, task.id)))
    const texts = events
      .filter((event) => event.event === 'update')
      .map((event) => JSON.parse(event.data ?? '{}'))
      .filter((update) => update.fields?.includes('output'))
      .map((update) => update.data.output.text as string)

    expect(texts).toHaveLength(7)
    expect(texts.map((text) => text.split(' ').length)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(texts[0]).toBe('Keeper')
  })

  it('sends the task then done when the task has already ended', async () => {
    const { url } = await startServer()
    const task = await runApp(url, 'local/text', { prompt: 'x', max_tokens: 2 })
    await readBody(await fetch(`${url}/tasks/${task.id}/stream`), isDone)

    const events = parseSse(await readBody(await fetch(`${url}/tasks/${task.id}/stream`)))

    expect(events.map((event) => event.event)).toEqual([undefined, 'update', 'done'])
    expect(JSON.parse(events[1]?.data ?? '')).toMatchObject({ id: task.id, status: 10 })
    expect(Number(events[2]?.id)).toBe(Number(events[1]?.id) + 1)
  })

  it('resumes after a Last-Event-ID it still holds, with the events that followed', async () => {
    const { url } = await startServer()
    const task = await runApp(url, 'local/text', { prompt: 'wave', max_tokens: 4 })
    const full = parseSse(await readBody(await fetch(`${url}/tasks/${task.id}/stream`)))
    const third = full.filter((event) => event.id !== undefined)[2]

    const resumed = await fetch(`${url}/tasks/${task.id}/stream`, {
      headers: { 'Last-Event-ID': third?.id ?? '' },
    })
    const events = parseSse(await readBody(resumed)).filter((event) => event.id !== undefined)

    const after = full.filter((event) => Number(event.id) > Number(third?.id))
    expect(events).toEqual(after)
    expect(events.length).toBeGreaterThan(2)
  })

  it.each(['999999', 'nonsense'])(
    'sends the whole task first for a Last-Event-ID of %s',
    async (lastId) => {
      const { url } = await startServer()
      const task = await runApp(url, 'local/text', { prompt: 'x', max_tokens: 2 })

      const response = await fetch(`${url}/tasks/${task.id}/stream`, {
        headers: { 'Last-Event-ID': lastId },
      })
      const events = parseSse(await readBody(response, isDone))

      expect(JSON.parse(events[1]?.data ?? '')).toMatchObject({ id: task.id, app: 'local/text' })
    },
  )

  it('sends done on resume from the done event itself', async () => {
    const { url } = await startServer()
    const task = await runApp(url, 'local/text', { prompt: 'x', max_tokens: 2 })
    const done = parseSse(await readBody(await fetch(`${url}/tasks/${task.id}/stream`))).at(-1)

    const response = await fetch(`${url}/tasks/${task.id}/stream`, {
      headers: { 'Last-Event-ID': done?.id ?? '' },
    })
    const events = parseSse(await readBody(response))

    expect(events.slice(1)).toEqual([done])
  })

  it('writes heartbeat comments every heartbeatMs while the task is quiet', async () => {
    const { url } = await startServer({ timeScale: 1, heartbeatMs: 20 })
    const task = await runApp(url, 'local/lifecycle', {})

    const response = await fetch(`${url}/tasks/${task.id}/stream`)
    const text = await readBody(response, (body) => body.split(': ping\n\n').length > 3)

    expect(text.split(': ping\n\n').length).toBeGreaterThan(3)
  })

  it('counts open streams per task and forgets a stream the client closes', async () => {
    const { server, url } = await startServer({ timeScale: 1 })
    const a = await runApp(url, 'local/lifecycle', {})
    const b = await runApp(url, 'local/lifecycle', {})
    const controller = new AbortController()

    const first = await fetch(`${url}/tasks/${a.id}/stream`, { signal: controller.signal })
    await fetch(`${url}/tasks/${a.id}/stream`)
    await fetch(`${url}/tasks/${b.id}/stream`)
    expect(first.ok).toBe(true)
    expect(server.openStreams()).toBe(3)
    expect(server.openStreams(a.id)).toBe(2)
    expect(server.openStreams(b.id)).toBe(1)

    controller.abort()
    await waitFor(() => server.openStreams(a.id) === 1)
    expect(server.openStreams()).toBe(2)
  })

  it('answers a 404 problem, not a stream, for an unknown task', async () => {
    const { url } = await startServer()

    const response = await fetch(`${url}/tasks/task_missing/stream`)

    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })
})
