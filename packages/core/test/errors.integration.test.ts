// The client's error handling over real HTTP against the local task server: a 401 and a 404
// reject with `ApiError` without a retry, a 503 or 429 is retried no sooner than its
// `Retry-After`, a stalled stream is replaced and resumed with `Last-Event-ID`, and `close()`
// during a backoff rejects at once and sends nothing more. Every request is logged on the
// server side, by a listener that records it and hands it to the server's own handler.
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  createTaskServer,
  type TaskApp,
  type TaskServer,
  type TaskServerOptions,
} from '@taskstream/server'
import { afterEach, describe, expect, it } from 'vitest'
import {
  ApiError,
  type ConnectionState,
  createClient,
  StreamError,
  type Task,
  TaskStatus,
} from '../src/index'

interface Gate {
  promise: Promise<void>
  open(): void
}

const gates = new Map<string, Gate>()

/** The gate named `key`, made on first use by either side. */
function gate(key: string): Gate {
  const found = gates.get(key)
  if (found !== undefined) return found
  let open = (): void => undefined
  const promise = new Promise<void>((resolve) => {
    open = resolve
  })
  const made = { promise, open }
  gates.set(key, made)
  return made
}

/** Waits for the gate, or rejects when the task is stopped (the server closing). */
function pass(key: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) reject(signal.reason)
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
    void gate(key).promise.then(resolve)
  })
}

// Runs until the server closes: a task that is still running whenever it is streamed.
const held: TaskApp = {
  id: 'test/held',
  name: 'Held',
  description: 'Runs until the server stops it.',
  input: {},
  async run(ctx) {
    ctx.setStatus('RUNNING')
    await ctx.sleep(60_000)
  },
}

// Three lines, once the test opens `<key>:start`.
const lines: TaskApp = {
  id: 'test/lines',
  name: 'Lines',
  description: 'Logs three lines once let through.',
  input: { key: { type: 'string', description: 'The gates to wait at.' } },
  async run(ctx) {
    await pass(`${ctx.input.key}:start`, ctx.signal)
    for (let i = 0; i < 3; i += 1) ctx.log(`line ${i}`)
  },
}

// Events 2–3 (RUNNING, line 0), a pause longer than the client's silence limit that only
// heartbeats fill, event 4 (line 1), lines 2–3, then lines 4–5 once `<key>:resume` opens.
const pausing: TaskApp = {
  id: 'test/pausing',
  name: 'Pausing',
  description: 'Logs six lines with a pause and a gate between them.',
  input: { key: { type: 'string', description: 'The gates to wait at.' } },
  async run(ctx) {
    const key = String(ctx.input.key)
    await pass(`${key}:start`, ctx.signal)
    ctx.log('line 0')
    await ctx.sleep(500)
    for (let i = 1; i < 4; i += 1) ctx.log(`line ${i}`)
    await pass(`${key}:resume`, ctx.signal)
    for (let i = 4; i < 6; i += 1) ctx.log(`line ${i}`)
  },
}

/** One request as it reached the server. */
interface Seen {
  method: string
  path: string
  lastEventId: string | null
  /** `performance.now()` when it arrived. */
  at: number
  res: ServerResponse
}

interface Served {
  baseUrl: string
  tasks: TaskServer
  seen: Seen[]
  /** Called with each request as it arrives, before the server answers; `'hold'` never does. */
  onRequest: (seen: Seen) => 'hold' | undefined
}

const open: Array<() => Promise<void>> = []

/** The task server's handler on a loopback port, behind a listener that logs each request. */
async function serve(options: Omit<TaskServerOptions, 'port'>): Promise<Served> {
  const tasks = createTaskServer({ apps: [held, lines, pausing], ...options })
  const served: Served = { baseUrl: '', tasks, seen: [], onRequest: () => undefined }
  const http = createServer((req, res) => {
    const header = req.headers['last-event-id']
    const entry: Seen = {
      method: req.method ?? '',
      path: new URL(req.url ?? '/', 'http://localhost').pathname,
      lastEventId: typeof header === 'string' ? header : null,
      at: performance.now(),
      res,
    }
    served.seen.push(entry)
    if (served.onRequest(entry) === 'hold') return
    tasks.handler(req, res)
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  served.baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  open.push(async () => {
    await tasks.close()
    await new Promise<void>((resolve, reject) => {
      http.close((error) => (error ? reject(error) : resolve()))
      http.closeAllConnections()
    })
  })
  return served
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()))
  gates.clear()
})

/** The requests seen after the first `from`, as `METHOD path`. */
const requests = (served: Served, from = 0): string[] =>
  served.seen.slice(from).map(({ method, path }) => `${method} ${path}`)

/** What a promise rejected with; fails the test if it resolved. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection, but it resolved')
}

/** Resolves once `ready` holds, checking every 5 ms; rejects after `timeoutMs`. */
async function until(ready: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = performance.now() + timeoutMs
  while (!ready()) {
    if (performance.now() > end) throw new Error(`not ready within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// Short client backoff, so any wait of a second or more can only be the server's doing.
const reconnect = { initialDelayMs: 10, maxRetries: 3 }

describe('client errors against the local server', () => {
  it.each([
    ['a wrong key', 'wrong', 'the API key is not valid'],
    ['no key', undefined, 'send the API key as "Authorization: Bearer <key>"'],
  ])('rejects with a 401 ApiError for %s, and sends the request once', async (_, key, detail) => {
    const served = await serve({ apiKey: 'secret' })
    const owner = createClient({ baseUrl: served.baseUrl, apiKey: 'secret', reconnect })
    const { id } = await owner.run({ app: 'test/held', input: {} }, { wait: false })
    const keyed = key === undefined ? {} : { apiKey: key }
    const client = createClient({ baseUrl: served.baseUrl, ...keyed, reconnect })
    const problem = { title: 'Unauthorized', detail, code: 'urn:taskstream:problem:unauthorized' }

    const before = served.seen.length
    const streamed = await rejection(client.streamTask(id).result)
    expect(streamed).toBeInstanceOf(ApiError)
    expect(streamed).toMatchObject({ status: 401, problem })
    // A retry, or the re-read that comes before one, would show up here.
    expect(requests(served, before)).toEqual([`GET /tasks/${id}/stream`])

    const read = await rejection(client.getTask(id))
    expect(read).toBeInstanceOf(ApiError)
    expect(read).toMatchObject({ status: 401, problem })
    expect(requests(served, before)).toEqual([`GET /tasks/${id}/stream`, `GET /tasks/${id}`])
  })

  it('rejects with a 404 ApiError for a task that does not exist, and sends it once', async () => {
    const served = await serve({})
    const client = createClient({ baseUrl: served.baseUrl, apiKey: 'k', reconnect })
    const id = 'task_00000000000000000000'

    const error = await rejection(client.streamTask(id).result)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      status: 404,
      problem: {
        title: 'Task not found',
        detail: `no task "${id}"`,
        code: 'urn:taskstream:problem:task-not-found',
      },
    })
    expect(requests(served)).toEqual([`GET /tasks/${id}/stream`])
  })

  it.each([503, 429])(
    'waits out Retry-After: 1 after a %i on the stream, then completes',
    async (status) => {
      const served = await serve({
        faults: { failRequests: { status, count: 1, retryAfterSeconds: 1, path: '/stream' } },
      })
      const client = createClient({ baseUrl: served.baseUrl, apiKey: 'k', reconnect })
      const { id } = await client.run({ app: 'test/lines', input: { key: 'a' } }, { wait: false })
      const states: ConnectionState[] = []

      const final = await client.streamTask(id, {
        onConnectionChange: (state) => {
          states.push(state)
          if (state === 'open') gate('a:start').open()
        },
      }).result

      expect(final).toMatchObject({
        status: TaskStatus.COMPLETED,
        logs: 'line 0\nline 1\nline 2\n',
      })
      const streams = served.seen.filter((seen) => seen.path.endsWith('/stream'))
      expect(streams.map((seen) => seen.res.statusCode)).toEqual([status, 200])
      const [refused, retried] = streams
      if (refused === undefined || retried === undefined) throw new Error('two streams expected')
      // A lower bound only; a little slack for timer rounding.
      expect(retried.at - refused.at).toBeGreaterThanOrEqual(990)
      expect(states).toEqual(['connecting', 'reconnecting', 'open', 'closed'])
    },
  )

  it('replaces a stalled stream and resumes it with Last-Event-ID, each line once', async () => {
    // Heartbeats every 30 ms keep an idle stream alive; the stall silences them too.
    const served = await serve({
      heartbeatMs: 30,
      faults: { stallAfterEvents: 4, streams: 1, retryMs: 0 },
    })
    const client = createClient({
      baseUrl: served.baseUrl,
      apiKey: 'k',
      reconnect: { ...reconnect, heartbeatTimeoutMs: 300 },
    })
    const { id } = await client.run({ app: 'test/pausing', input: { key: 'b' } }, { wait: false })
    served.onRequest = (seen) => {
      if (seen.path.endsWith('/stream') && seen.lastEventId !== null) gate('b:resume').open()
      return undefined
    }
    const expected = [0, 1, 2, 3, 4, 5].map((i) => `line ${i}\n`).join('')
    const states: ConnectionState[] = []
    const logs: string[] = []

    const final = await client.streamTask(id, {
      onConnectionChange: (state) => {
        states.push(state)
        if (state === 'open') gate('b:start').open()
      },
      onUpdate: (task: Task) => logs.push(typeof task.logs === 'string' ? task.logs : ''),
    }).result

    expect(final).toMatchObject({ status: TaskStatus.COMPLETED, logs: expected })
    // The log only ever grew towards the final one: no line shown twice, even for a moment.
    expect(logs.filter((log) => !expected.startsWith(log))).toEqual([])
    const streams = served.seen.filter((seen) => seen.path.endsWith('/stream'))
    // Event 4 was the last before the stall; the 500 ms pause before it did not cut the stream.
    expect(streams.map((seen) => seen.lastEventId)).toEqual([null, '4'])
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open', 'closed'])
  })

  it('waits for the Retry-After of a re-read refused with 503 before the next stream', async () => {
    const served = await serve({
      faults: {
        dropAfterEvents: 2,
        streams: 1,
        retryMs: 0,
        failRequests: { status: 503, count: 1, retryAfterSeconds: 1, path: /^\/tasks\/[^/]+$/ },
      },
    })
    const client = createClient({ baseUrl: served.baseUrl, apiKey: 'k', reconnect })
    const { id } = await client.run({ app: 'test/lines', input: { key: 'r' } }, { wait: false })
    served.onRequest = (seen) => {
      if (seen.path.endsWith('/stream')) gate('r:start').open()
      return undefined
    }

    const final = await client.streamTask(id).result

    expect(final).toMatchObject({ status: TaskStatus.COMPLETED, logs: 'line 0\nline 1\nline 2\n' })
    const stream = `GET /tasks/${id}/stream`
    expect(requests(served, 1)).toEqual([stream, `GET /tasks/${id}`, stream])
    const [, refused, resumed] = served.seen.slice(1)
    expect(refused?.res.statusCode).toBe(503)
    expect((resumed?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(990)
  })

  it('gives up a stream request the server never answers, and reconnects', async () => {
    const served = await serve({ faults: { retryMs: 0 } })
    const client = createClient({
      baseUrl: served.baseUrl,
      apiKey: 'k',
      reconnect: { ...reconnect, heartbeatTimeoutMs: 300 },
    })
    const { id } = await client.run({ app: 'test/lines', input: { key: 'n' } }, { wait: false })
    let streams = 0
    served.onRequest = (seen) => {
      if (!seen.path.endsWith('/stream')) return undefined
      streams += 1
      if (streams === 1) return 'hold'
      gate('n:start').open()
      return undefined
    }

    const final = await client.streamTask(id).result

    expect(final).toMatchObject({ status: TaskStatus.COMPLETED, logs: 'line 0\nline 1\nline 2\n' })
    const stream = `GET /tasks/${id}/stream`
    expect(requests(served, 1)).toEqual([stream, `GET /tasks/${id}`, stream])
    const [unanswered, reread] = served.seen.slice(1)
    expect((reread?.at ?? 0) - (unanswered?.at ?? 0)).toBeGreaterThanOrEqual(290)
  })

  it('rejects as closed when closed mid-backoff, and sends nothing more', async () => {
    const served = await serve({
      faults: {
        failRequests: { status: 503, count: 100, retryAfterSeconds: 5, path: '/stream' },
      },
    })
    const client = createClient({ baseUrl: served.baseUrl, apiKey: 'k', reconnect })
    const { id } = await client.run({ app: 'test/held', input: {} }, { wait: false })

    const stream = client.streamTask(id)
    const result = rejection(stream.result)
    // The refused stream, then the re-read before the backoff, answered.
    const reread = `GET /tasks/${id}`
    await until(() => served.seen.some((seen) => `${seen.method} ${seen.path}` === reread))
    await until(() => served.seen.every((seen) => seen.res.writableFinished))
    await delay(50)

    const closedAt = performance.now()
    stream.close()
    const error = await result
    expect(performance.now() - closedAt).toBeLessThan(1000)
    expect(error).toBeInstanceOf(StreamError)
    expect(error).toMatchObject({ kind: 'closed', taskId: id })

    const count = served.seen.length
    await delay(300)
    expect(served.seen.length).toBe(count)
    expect(requests(served, 1)).toEqual([`GET /tasks/${id}/stream`, reread])
  })
})
