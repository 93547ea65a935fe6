import { describe, expect, it } from 'vitest'
import { createProxyHandler, type ProxyOptions } from '../src'
import { gatedApp, parseSse, readBody, startServer, waitFor } from './helpers'
import { postJson, recordingFetch, serveHandler } from './proxy-helpers'

const key = 'server-side-key'
const textRun = { app: 'local/text', input: { prompt: 'harbour', max_tokens: 4 } }

/** The local server requiring `key`, and a proxy in front of it that records upstream calls. */
async function proxied(options: Partial<ProxyOptions> = {}, apps = {}) {
  const { server, url } = await startServer({ apiKey: key, ...apps })
  const { calls, send } = recordingFetch()
  const proxy = createProxyHandler({ apiKey: key, target: url, fetch: send, ...options })
  return { server, url, calls, proxy }
}

describe('createProxyHandler', () => {
  it('forwards a run and its stream with the key, and never the browser credentials', async () => {
    const { calls, proxy } = await proxied({ basePath: '/api/inference' })
    const browser = { Authorization: 'Bearer from-browser', Cookie: 'session=abc' }

    const created = await proxy(
      new Request('http://app.test/api/inference/apps/run', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...browser },
        body: JSON.stringify(textRun),
      }),
    )
    const task = await created.json()
    const stream = await proxy(
      new Request(`http://app.test/api/inference/tasks/${task.id}/stream`, { headers: browser }),
    )
    const events = parseSse(await stream.text())

    expect(created.status).toBe(201)
    expect(calls.map((call) => new URL(call.url).pathname)).toEqual([
      '/apps/run',
      `/tasks/${task.id}/stream`,
    ])
    for (const { headers } of calls) {
      expect(headers.get('authorization')).toBe(`Bearer ${key}`)
      expect(headers.get('x-api-version')).toBe('2')
      expect(headers.has('cookie')).toBe(false)
    }
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(stream.headers.get('x-accel-buffering')).toBe('no')
    expect(events.at(-1)?.event).toBe('done')
  })

  it('passes the first event on before the task ends, over real HTTP', async () => {
    const gated = gatedApp()
    const { proxy } = await proxied({}, { apps: [gated.app] })
    const proxyUrl = await serveHandler(proxy)

    const task = await (
      await postJson(`${proxyUrl}/apps/run`, { app: gated.app.id, input: {} })
    ).json()
    const stream = await fetch(`${proxyUrl}/tasks/${task.id}/stream`)
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let head = ''
    while (!head.includes('event: update')) head += decoder.decode((await reader.read()).value)
    const during = await (await fetch(`${proxyUrl}/tasks/${task.id}`)).json()

    gated.release()
    let rest = ''
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += decoder.decode(chunk.value)
    }

    expect(parseSse(head).filter((event) => event.event === 'update')).not.toEqual([])
    expect(during.status).toBe(7)
    expect(parseSse(rest).at(-1)?.event).toBe('done')
  })

  it("closes the upstream stream when the caller's request is aborted", async () => {
    const gated = gatedApp()
    const { server, proxy } = await proxied({}, { apps: [gated.app] })
    const created = await proxy(
      new Request('http://app.test/apps/run', {
        method: 'POST',
        body: JSON.stringify({ app: gated.app.id, input: {} }),
      }),
    )
    const { id } = await created.json()
    const caller = new AbortController()

    const stream = await proxy(
      new Request(`http://app.test/tasks/${id}/stream`, { signal: caller.signal }),
    )
    await waitFor(() => server.openStreams(id) === 1)
    caller.abort()
    await stream.body?.cancel().catch(() => undefined)

    await waitFor(() => server.openStreams(id) === 0)
    gated.release()
  })

  it('closes the upstream stream when a client over HTTP goes away', async () => {
    const gated = gatedApp()
    const { server, proxy } = await proxied({}, { apps: [gated.app] })
    const proxyUrl = await serveHandler(proxy)
    const { id } = await (
      await postJson(`${proxyUrl}/apps/run`, { app: gated.app.id, input: {} })
    ).json()
    const client = new AbortController()

    const stream = await fetch(`${proxyUrl}/tasks/${id}/stream`, { signal: client.signal })
    await readBody(stream, (text) => text.includes('event: update'))
    expect(server.openStreams(id)).toBe(1)
    client.abort()

    await waitFor(() => server.openStreams(id) === 0)
    gated.release()
  })

  it("follows the SDK's target header, and its query parameter for streams", async () => {
    const { url, calls, proxy } = await proxied()

    const created = await proxy(
      new Request('http://app.test/api/inference/proxy', {
        method: 'POST',
        headers: { 'x-inf-target-url': `${url}/apps/run`, 'Content-Type': 'application/json' },
        body: JSON.stringify(textRun),
      }),
    )
    const { id } = await created.json()
    const target = encodeURIComponent(`${url}/tasks/${id}/stream`)
    const stream = await proxy(
      new Request(`http://app.test/api/inference/proxy?__inf_target=${target}`),
    )

    expect(created.status).toBe(201)
    expect(parseSse(await stream.text()).at(-1)?.event).toBe('done')
    expect(new URL(calls[1]?.url ?? '').search).toBe('')
  })

  const aimed = (url: string) => ({ headers: { 'x-inf-target-url': url } })
  const refusals: [string, number, RequestInit & { url?: string }][] = [
    ['another host in the target header', 403, aimed('http://evil.test/apps/run')],
    ['another scheme in the target header', 400, aimed('file:///etc/passwd')],
    ['a relative target header', 400, aimed('/apps/run')],
    ['a protocol-relative target header', 400, aimed('//evil.test/apps/run')],
    ['a target that climbs with ..', 400, aimed('{api}/tasks/../apps/delete')],
    ['a target with credentials', 400, aimed('http://u:p@{host}/apps/run')],
    ['another host in the query', 403, { url: '/p?__inf_target=https%3A%2F%2Fevil.test%2Fx' }],
    ['an encoded slash', 400, { url: '/tasks/x%2F..%2F..%2Fapps%2Frun' }],
    ['an encoded backslash', 400, { url: '/tasks/x%5Cstream' }],
    ['an absolute URL in the path', 400, { url: '//evil.test/apps/run' }],
    ['a call the kit never makes', 403, { url: '/apps' }],
    ['a method the kit never uses', 403, { url: '/tasks/x', method: 'DELETE' }],
    ['a path outside the allowed calls', 403, { url: '/tasks/x/visibility', method: 'POST' }],
  ]

  it.each(refusals)(
    'refuses %s with %i, and the upstream sees nothing',
    async (_, status, init) => {
      const { url, calls, proxy } = await proxied()
      const host = new URL(url).host
      const headers = Object.fromEntries(
        Object.entries((init.headers ?? {}) as Record<string, string>).map(([name, value]) => [
          name,
          value.replace('{api}', url).replace('{host}', host),
        ]),
      )

      const method = init.method ?? (init.url === undefined ? 'POST' : 'GET')
      const body = method === 'POST' ? '{}' : null
      const response = await proxy(
        new Request(`http://app.test${init.url ?? '/p'}`, { method, headers, body }),
      )

      expect(response.status).toBe(status)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
      expect(calls).toEqual([])
    },
  )

  it('answers 404 outside its base path, before reaching the API', async () => {
    const { calls, proxy } = await proxied({ basePath: '/api/inference' })

    const response = await proxy(new Request('http://app.test/api/other/tasks/x'))

    expect(response.status).toBe(404)
    expect(calls).toEqual([])
  })

  it('lets calls through only once authorize says so', async () => {
    const seen: (string | null)[] = []
    const { calls, proxy } = await proxied({
      authorize: (request) => {
        const token = request.headers.get('authorization')
        seen.push(token)
        if (token === 'Bearer banned') return new Response('no', { status: 403 })
        return token === 'Bearer user-session'
      },
    })
    const ask = (authorization?: string) =>
      proxy(
        new Request('http://app.test/apps/run', {
          method: 'POST',
          headers: authorization === undefined ? {} : { Authorization: authorization },
          body: JSON.stringify(textRun),
        }),
      )

    const anonymous = await ask()
    const banned = await ask('Bearer banned')
    expect(calls).toEqual([])
    const allowed = await ask('Bearer user-session')

    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer')
    expect(banned.status).toBe(403)
    expect(allowed.status).toBe(201)
    expect(seen).toEqual([null, 'Bearer banned', 'Bearer user-session'])
    expect(calls.map((call) => call.headers.get('authorization'))).toEqual([`Bearer ${key}`])
  })

  it('answers 500 without its message when authorize throws, and forwards nothing', async () => {
    const { calls, proxy } = await proxied({
      authorize: () => {
        throw new Error('database password is hunter2')
      },
    })

    const response = await proxy(new Request('http://app.test/tasks/task_x'))

    expect(response.status).toBe(500)
    expect(await response.text()).not.toContain('hunter2')
    expect(calls).toEqual([])
  })

  it('refuses a body over maxBodyBytes with 413', async () => {
    const { calls, proxy } = await proxied({ maxBodyBytes: 64 })
    const input = { prompt: 'x'.repeat(100) }

    const response = await proxy(
      new Request('http://app.test/apps/run', {
        method: 'POST',
        body: JSON.stringify({ app: 'local/text', input }),
      }),
    )

    expect(response.status).toBe(413)
    expect(calls).toEqual([])
  })

  it('passes upstream problems through and answers 502 when the API is unreachable', async () => {
    const { proxy } = await proxied()
    const down = createProxyHandler({ apiKey: 'sk-live-1', target: 'http://127.0.0.1:9' })

    const missing = await proxy(new Request('http://app.test/tasks/task_nope'))
    const unreachable = await down(new Request('http://app.test/tasks/task_nope'))

    expect(missing.status).toBe(404)
    expect((await missing.json()).type).toBe('urn:taskstream:problem:task-not-found')
    expect(unreachable.status).toBe(502)
    expect(await unreachable.text()).not.toContain('sk-live-1')
  })

  it("answers 502, not 401, when the API refuses the server's own key", async () => {
    const { url } = await startServer({ apiKey: key })
    const proxy = createProxyHandler({ apiKey: 'sk-wrong', target: url })

    const response = await proxy(new Request('http://app.test/tasks/task_x'))

    expect(response.status).toBe(502)
    expect(await response.text()).not.toContain('sk-wrong')
  })

  it("keeps the API's path prefix and drops its cookies and CORS headers", async () => {
    const seen: string[] = []
    const upstream: typeof fetch = async (input) => {
      seen.push(String(input))
      const headers = {
        'Content-Type': 'application/json',
        'Set-Cookie': 'api=1',
        'Access-Control-Allow-Origin': '*',
        'X-Request-Id': 'r1',
      }
      return new Response('{"id":"t"}', { headers })
    }
    const proxy = createProxyHandler({
      apiKey: 'k',
      target: 'https://api.test/v1/',
      fetch: upstream,
    })

    const answer = await proxy(new Request('http://app.test/tasks/t?verbose=1'))

    expect(seen).toEqual(['https://api.test/v1/tasks/t?verbose=1'])
    expect(answer.headers.has('set-cookie')).toBe(false)
    expect(answer.headers.has('access-control-allow-origin')).toBe(false)
    expect(answer.headers.get('x-request-id')).toBe('r1')
  })

  it('refuses a target that is not http(s) when it is created', () => {
    expect(() => createProxyHandler({ apiKey: 'k', target: 'ftp://api.test' })).toThrow(TypeError)
  })
})
