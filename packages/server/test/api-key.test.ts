import { describe, expect, it } from 'vitest'
import { parseSse, readBody, startServer } from './helpers'
import { postJson } from './proxy-helpers'

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` })

describe('createTaskServer({ apiKey })', () => {
  it('answers 401 with a problem, as the API does, without the right bearer key', async () => {
    const { url } = await startServer({ apiKey: 'k-1' })

    const missing = await fetch(`${url}/tasks/task_x`)
    const wrong = await fetch(`${url}/tasks/task_x`, { headers: bearer('k-2') })
    const basic = await fetch(`${url}/tasks/task_x`, { headers: { Authorization: 'Basic k-1' } })
    const right = await fetch(`${url}/tasks/task_x`, { headers: bearer('k-1') })

    expect([missing.status, wrong.status, basic.status, right.status]).toEqual([401, 401, 401, 404])
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(await missing.json()).toMatchObject({
      type: 'urn:taskstream:problem:unauthorized',
      status: 401,
    })
  })

  it('runs and streams with the key, and serves files and preflights without it', async () => {
    const { url } = await startServer({ apiKey: 'k-1' })
    const input = { prompt: 'x', width: 8, height: 8, steps: 1 }

    const refused = await postJson(`${url}/apps/run`, { app: 'local/image', input })
    const created = await postJson(`${url}/apps/run`, { app: 'local/image', input }, bearer('k-1'))
    const task = await created.json()
    const stream = await fetch(`${url}/tasks/${task.id}/stream`, { headers: bearer('k-1') })
    const events = parseSse(await readBody(stream))
    const done = await (await fetch(`${url}/tasks/${task.id}`, { headers: bearer('k-1') })).json()
    const file = await fetch(done.output.image.uri)
    const preflight = await fetch(`${url}/apps/run`, { method: 'OPTIONS' })

    expect(refused.status).toBe(401)
    expect(created.status).toBe(201)
    expect(events.at(-1)?.event).toBe('done')
    expect(file.status).toBe(200)
    expect(preflight.status).toBe(204)
  })

  it('asks a check function about each presented key', async () => {
    const valid = new Set(['a'])
    const { url } = await startServer({ apiKey: (key) => valid.has(key) })

    const before = await fetch(`${url}/apps`, { headers: bearer('a') })
    valid.delete('a')
    const after = await fetch(`${url}/apps`, { headers: bearer('a') })

    expect([before.status, after.status]).toEqual([200, 401])
  })
})
