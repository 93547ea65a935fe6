import { request } from 'node:http'
import express from 'express'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createProxyHandler, toNodeListener } from '../src'
import { parseSse, startServer } from './helpers'
import { listen, postJson } from './proxy-helpers'

const key = 'server-side-key'
const run = { app: 'local/text', input: { prompt: 'dock', max_tokens: 3 } }

/** Runs a task through a mounted proxy and reads its stream to the end. */
async function runThrough(base: string) {
  const created = await postJson(`${base}/apps/run`, run, { Authorization: 'Bearer browser' })
  const task = await created.json()
  const stream = await fetch(`${base}/tasks/${task.id}/stream`)
  return { status: created.status, events: parseSse(await stream.text()) }
}

describe('mounting the proxy', () => {
  it('works in Express after express.json() has read the body', async () => {
    const { url } = await startServer({ apiKey: key })
    const app = express()
    app.use(express.json())
    app.use('/api/inference', toNodeListener(createProxyHandler({ apiKey: key, target: url })))

    const { status, events } = await runThrough(`${await listen(app)}/api/inference`)

    expect(status).toBe(201)
    expect(events.at(-1)?.event).toBe('done')
  })

  it('works in Express with no body parser', async () => {
    const { url } = await startServer({ apiKey: key })
    const app = express()
    app.use('/api/inference', toNodeListener(createProxyHandler({ apiKey: key, target: url })))

    const { status, events } = await runThrough(`${await listen(app)}/api/inference`)

    expect(status).toBe(201)
    expect(events.at(-1)?.event).toBe('done')
  })

  it('works as a Hono route, handing over the raw request', async () => {
    const { url } = await startServer({ apiKey: key })
    const proxy = createProxyHandler({ apiKey: key, target: url, basePath: '/api/inference' })
    const app = new Hono()
    app.all('/api/inference/*', (c) => proxy(c.req.raw))

    const created = await app.request('/api/inference/apps/run', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(run),
    })
    const task = await created.json()
    const stream = await app.request(`/api/inference/tasks/${task.id}/stream`)

    expect(created.status).toBe(201)
    expect(parseSse(await stream.text()).at(-1)?.event).toBe('done')
  })

  it('answers 400 to an absolute-form request target in a node server', async () => {
    const { url } = await startServer({ apiKey: key })
    const base = await listen(toNodeListener(createProxyHandler({ apiKey: key, target: url })))

    const status = await new Promise<number | undefined>((resolve, reject) => {
      const asked = request(base, { path: 'http://evil.test/apps/run', method: 'GET' }, (res) => {
        res.resume()
        resolve(res.statusCode)
      })
      asked.on('error', reject)
      asked.end()
    })

    expect(status).toBe(400)
  })

  it('passes every Set-Cookie of a handler through, and answers 500 when it throws', async () => {
    const cookies = await listen(
      toNodeListener(async () => {
        const headers = new Headers([
          ['Set-Cookie', 'a=1'],
          ['Set-Cookie', 'b=2'],
        ])
        return new Response('ok', { headers })
      }),
    )
    const failing = await listen(
      toNodeListener(async () => {
        throw new Error('token sk-123 rejected')
      }),
    )

    const answer = await fetch(cookies)
    const failed = await fetch(failing)

    expect(answer.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
    expect(failed.status).toBe(500)
    expect(await failed.text()).not.toContain('sk-123')
  })
})
