import { describe, expect, it } from 'vitest'
import { readBody, runApp, startServer, streamFromStart } from './helpers'

const ndjson = { Accept: 'application/x-ndjson' }
const lines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line))

describe('GET /tasks/:id/stream (NDJSON)', () => {
  it('sends one JSON object a line: the task, partial updates with fields, then done', async () => {
    const { url } = await startServer()
    const task = await runApp(url, 'local/text', { prompt: 'sea', max_tokens: 3 })

    const response = await fetch(`${url}/tasks/${task.id}/stream`, { headers: ndjson })
    const messages = lines(await readBody(response))

    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8')
    expect(messages[0]).toMatchObject({ event: 'update', data: { id: task.id } })
    expect(messages[0]).not.toHaveProperty('fields')
    for (const message of messages.slice(1, -1)) {
      expect(message.event).toBe('update')
      expect(Object.keys(message.data).sort()).toEqual([...message.fields].sort())
    }
    expect(messages.at(-2).data.status).toBe(10)
    expect(messages.at(-1)).toMatchObject({ event: 'done', data: {} })
  })

  it('numbers its lines like the SSE ids and resumes from Last-Event-ID', async () => {
    const { url } = await startServer()
    const task = await runApp(url, 'local/text', { prompt: 'sea', max_tokens: 3 })
    const all = lines(await readBody(await streamFromStart(url, task.id, ndjson)))

    const resumed = await fetch(`${url}/tasks/${task.id}/stream`, {
      headers: { ...ndjson, 'Last-Event-ID': String(all[1].id) },
    })

    expect(all[0].id).toBe(2)
    expect(lines(await readBody(resumed))).toEqual(all.slice(2))
  })

  it('writes heartbeat lines while the task is quiet', async () => {
    const { url } = await startServer({ timeScale: 1, heartbeatMs: 20 })
    const task = await runApp(url, 'local/lifecycle', {})

    const response = await fetch(`${url}/tasks/${task.id}/stream`, { headers: ndjson })
    const text = await readBody(response, (body) => body.split('"heartbeat"').length > 2)

    expect(lines(text).filter((line) => line.type === 'heartbeat').length).toBeGreaterThan(1)
  })
})
