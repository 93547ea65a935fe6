import { describe, expect, it } from 'vitest'
import { parseSse, readBody, runApp, startServer } from './helpers'

describe('GET /tasks/:id/stream (SSE)', () => {
  it('sends the whole task, then partial updates with increasing ids, then done', async () => {
    const { url } = await startServer()
    const task = await runApp(url, 'local/text', { prompt: 'the sea', max_tokens: 5 })

    const response = await fetch(`${url}/tasks/${task.id}/stream`)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform')
    expect(response.headers.get('x-accel-buffering')).toBe('no')

    const events = parseSse(await readBody(response))
    expect(events[0]).toEqual({ retry: '1000' })
    const first = events[1]
    expect(first?.event).toBe('update')
    expect(JSON.parse(first?.data ?? '')).toMatchObject({ id: task.id, app: 'local/text' })

    const ids = events.slice(1).map((event) => Number(event.id))
    expect(ids.every((id, index) => index === 0 || id > (ids[index - 1] ?? 0))).toBe(true)

    const partial = JSON.parse(events[2]?.data ?? '')
    expect(Object.keys(partial.data).sort()).toEqual([...partial.fields].sort())
    expect(events.at(-1)).toMatchObject({ event: 'done', data: '{}' })
  })
})
