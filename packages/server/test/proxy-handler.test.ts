import { describe, expect, it } from 'vitest'
import { createProxyHandler } from '../src'
import { parseSse, startServer } from './helpers'

/** The real fetch, recording the headers each upstream call carried. */
function recordingFetch() {
  const seen: Headers[] = []
  const send: typeof fetch = (input, init) => {
    seen.push(new Headers(init?.headers))
    return fetch(input, init)
  }
  return { seen, send }
}

describe('createProxyHandler', () => {
  it('forwards a run and its stream to the target with the key, under a base path', async () => {
    const { url } = await startServer()
    const { seen, send } = recordingFetch()
    const proxy = createProxyHandler({
      apiKey: 'secret',
      target: url,
      basePath: '/api/inference',
      fetch: send,
    })

    const created = await proxy(
      new Request('http://app.test/api/inference/apps/run', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer from-browser' },
        body: JSON.stringify({ app: 'local/text', input: { prompt: 'x', max_tokens: 2 } }),
      }),
    )
    const task = await created.json()
    const stream = await proxy(new Request(`http://app.test/api/inference/tasks/${task.id}/stream`))
    const events = parseSse(await stream.text())

    expect(created.status).toBe(201)
    expect(seen.map((headers) => headers.get('authorization'))).toEqual([
      'Bearer secret',
      'Bearer secret',
    ])
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(events.at(-1)?.event).toBe('done')
  })

  it("follows the SDK's x-inf-target-url header when it points at the target", async () => {
    const { url } = await startServer()
    const proxy = createProxyHandler({ apiKey: 'k', target: url })

    const response = await proxy(
      new Request('http://app.test/any/where', {
        method: 'POST',
        headers: { 'x-inf-target-url': `${url}/apps/run` },
        body: JSON.stringify({ app: 'local/lifecycle', input: {} }),
      }),
    )

    expect(response.status).toBe(201)
  })

  it('refuses to send the key to another origin', async () => {
    const { url } = await startServer()
    const proxy = createProxyHandler({ apiKey: 'k', target: url })

    const response = await proxy(
      new Request('http://app.test/x', {
        headers: { 'x-inf-target-url': 'http://evil.test/apps/run' },
      }),
    )

    expect(response.status).toBe(403)
    expect((await response.json()).type).toBe('urn:taskstream:problem:forbidden')
  })

  it('refuses calls the kit never makes, unless allowed', async () => {
    const { url } = await startServer()
    const strict = createProxyHandler({ apiKey: 'k', target: url })
    const open = createProxyHandler({ apiKey: 'k', target: url, allow: [/^GET \/apps$/] })

    const refused = await strict(new Request('http://app.test/apps'))
    const allowed = await open(new Request('http://app.test/apps'))

    expect(refused.status).toBe(403)
    expect(allowed.status).toBe(200)
  })

  it('passes upstream problems through and answers 502 when the API is unreachable', async () => {
    const { url } = await startServer()
    const proxy = createProxyHandler({ apiKey: 'k', target: url })
    const down = createProxyHandler({ apiKey: 'k', target: 'http://127.0.0.1:9' })

    const missing = await proxy(new Request('http://app.test/tasks/task_nope'))
    const unreachable = await down(new Request('http://app.test/tasks/task_nope'))

    expect(missing.status).toBe(404)
    expect((await missing.json()).type).toBe('urn:taskstream:problem:task-not-found')
    expect(unreachable.status).toBe(502)
  })
})
