import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  builtInApps,
  createProxyHandler,
  createTaskServer,
  type ProxyOptions,
  type TaskApp,
  type TaskServer,
  toNodeListener,
} from '@taskstream/server'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError, createClient, type GetToken, TaskStatus, type TransportName } from '../src/index'

const serverKey = 'sk-server-only'
const cleanups: (() => Promise<unknown>)[] = []

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()))
})

async function listen(listener: (req: IncomingMessage, res: ServerResponse) => void) {
  const host = createServer(listener)
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve))
  cleanups.push(async () => {
    host.closeAllConnections()
    await new Promise((resolve) => host.close(resolve))
  })
  return `http://127.0.0.1:${(host.address() as AddressInfo).port}`
}

/** The local server requiring its key, and the app's proxy in front of it at /api/inference. */
async function stack(options: Partial<ProxyOptions> = {}, apps: TaskApp[] = []) {
  const server = createTaskServer({
    port: 0,
    timeScale: 0.02,
    apiKey: serverKey,
    apps: [...builtInApps, ...apps],
  })
  const target = await server.listen()
  cleanups.push(() => server.close())
  const proxy = createProxyHandler({
    apiKey: serverKey,
    target,
    basePath: '/api/inference',
    ...options,
  })
  const proxyUrl = `${await listen(toNodeListener(proxy))}/api/inference`

  // Everything the browser side sends, to show the key is never among it.
  const sent: string[] = []
  const browserFetch: typeof fetch = (input, init) => {
    const headers = [...new Headers(init?.headers).entries()].join(' ')
    sent.push(`${String(input)} ${headers}`)
    return fetch(input, init)
  }
  return { server, proxyUrl, sent, browserFetch }
}

/** Resolves once `check` holds, looking again every few milliseconds. */
async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** An app that turns RUNNING, waits for `release()`, then logs ten lines and ends. */
function gatedApp(id: string) {
  let release = (): void => undefined
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  const app: TaskApp = {
    id,
    name: 'Gated',
    description: 'Waits for the test, then logs.',
    input: {},
    async run(ctx) {
      ctx.setStatus('RUNNING')
      await gate
      for (let line = 0; line < 10; line += 1) {
        ctx.log(`line ${line}`)
        await ctx.sleep(10)
      }
      ctx.setOutput({ text: 'done' })
    },
  }
  return { app, release }
}

/** Session tokens `s1`, `s2`… that the app's backend accepts until revoked. */
function sessions() {
  const valid = new Set(['s1'])
  const asks: boolean[] = []
  let version = 1
  const getToken: GetToken = async ({ refresh }) => {
    asks.push(refresh)
    if (refresh) {
      version += 1
      valid.add(`s${version}`)
    }
    return `s${version}`
  }
  const authorize = (request: Request) =>
    valid.has(request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '')
  return { valid, asks, getToken, authorize }
}

describe('the kit through createProxyHandler to a server that requires a key', () => {
  it.each<TransportName>(['sse', 'ndjson', 'poll'])(
    'runs local/text to COMPLETED over %s while the browser side holds no key',
    async (transport) => {
      const { proxyUrl, sent, browserFetch } = await stack()
      const client = createClient({ proxyUrl, fetch: browserFetch, transport, pollIntervalMs: 20 })

      const task = await client.run({
        app: 'local/text',
        input: { prompt: 'a proxied harbour', max_tokens: 6 },
      })

      expect(task.status).toBe(TaskStatus.COMPLETED)
      expect(String(task.output?.text).split(' ')).toHaveLength(6)
      expect(sent.length).toBeGreaterThan(1)
      expect(sent.filter((line) => line.includes(serverKey))).toEqual([])
    },
  )

  it('shows the first update before the task ends, and closing it closes the upstream', async () => {
    const gated = gatedApp('test/gated-close')
    const { server, proxyUrl } = await stack({}, [gated.app])
    const client = createClient({ proxyUrl })

    const stream = client.run({ app: gated.app.id, input: {} }, { stream: true })
    let id = ''
    for await (const task of stream) {
      id = task.id
      if (task.status === TaskStatus.RUNNING) break
    }
    await until(() => server.openStreams(id) === 0)
    gated.release()

    expect(id).not.toBe('')
  })

  it('aborting the signal ends the upstream stream too', async () => {
    const gated = gatedApp('test/gated-abort')
    const { server, proxyUrl } = await stack({}, [gated.app])
    const client = createClient({ proxyUrl })
    const created = await client.run({ app: gated.app.id, input: {} }, { wait: false })
    const controller = new AbortController()

    const result = client.streamTask(created.id, { signal: controller.signal }).result
    await until(() => server.openStreams(created.id) === 1)
    controller.abort(new Error('the user left'))

    await expect(result).rejects.toThrow('the user left')
    await until(() => server.openStreams(created.id) === 0)
    gated.release()
  })

  it('refreshes a session that expires mid-stream once, and the task completes', async () => {
    const gated = gatedApp('test/gated-session')
    const session = sessions()
    const { server, proxyUrl } = await stack({ authorize: session.authorize }, [gated.app])
    server.setFaults({ dropAfterEvents: 4, streams: 1, retryMs: 0 })
    const client = createClient({
      proxyUrl,
      getToken: session.getToken,
      reconnect: { initialDelayMs: 10 },
    })

    const stream = client.run({ app: gated.app.id, input: {} }, { stream: true })
    for await (const task of stream) {
      if (task.status !== TaskStatus.RUNNING || !session.valid.has('s1')) continue
      // The open stream goes on; the next request the client makes carries a dead session.
      session.valid.delete('s1')
      gated.release()
    }
    const final = await stream.result

    expect(final.status).toBe(TaskStatus.COMPLETED)
    expect(final.output?.text).toBe('done')
    expect(session.asks.filter((refresh) => refresh)).toEqual([true])
  })

  it('fails with a 401 ApiError when even the refreshed session is refused', async () => {
    const { proxyUrl } = await stack({ authorize: () => false })
    const asks: boolean[] = []
    const client = createClient({
      proxyUrl,
      getToken: ({ refresh }) => {
        asks.push(refresh)
        return 'stale'
      },
    })

    const error = await client
      .run({ app: 'local/text', input: { prompt: 'x' } })
      .catch((caught: unknown) => caught)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 401 })
    expect(asks).toEqual([false, true])
  })
})

describe('getToken against the local server directly', () => {
  let server: TaskServer

  it('refreshes a key revoked mid-stream once, and the task completes', async () => {
    const gated = gatedApp('test/gated-key')
    const valid = new Set(['k1'])
    let version = 1
    const asks: boolean[] = []
    server = createTaskServer({
      port: 0,
      timeScale: 0.02,
      apps: [gated.app],
      apiKey: (key) => valid.has(key),
      faults: { dropAfterEvents: 4, streams: 1, retryMs: 0 },
    })
    const baseUrl = await server.listen()
    cleanups.push(() => server.close())
    const client = createClient({
      baseUrl,
      reconnect: { initialDelayMs: 10 },
      getToken: ({ refresh }) => {
        asks.push(refresh)
        if (refresh) valid.add(`k${++version}`)
        return `k${version}`
      },
    })

    const stream = client.run({ app: gated.app.id, input: {} }, { stream: true })
    for await (const task of stream) {
      if (task.status !== TaskStatus.RUNNING || !valid.has('k1')) continue
      valid.delete('k1')
      gated.release()
    }
    const final = await stream.result

    expect(final.status).toBe(TaskStatus.COMPLETED)
    expect(asks.filter((refresh) => refresh)).toEqual([true])
  })
})
