import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  ApiError,
  createClient,
  createReconnectPolicy,
  type ReconnectOptions,
  type StreamError,
  type Task,
  TaskStatus,
  type TransportName,
} from '../src/index'
import { frame, jsonResponse, openSseResponse, scriptedFetch, sseResponse } from './helpers/sse'

const base = 'http://test'

function clientWith(
  answers: Parameters<typeof scriptedFetch>[0],
  reconnect: ReconnectOptions = { maxRetries: 3, initialDelayMs: 0 },
) {
  const { fetch, seen } = scriptedFetch(answers)
  const client = createClient({ baseUrl: base, fetch, reconnect, pollIntervalMs: 0 })
  return { client, seen }
}

const running = () => jsonResponse({ id: 't', status: 7 })
const problem = (status: number) => () =>
  jsonResponse(
    { title: 'No', detail: `refused ${status}`, status },
    status,
    'application/problem+json',
  )

afterEach(() => {
  vi.useRealTimers()
})

describe('createReconnectPolicy', () => {
  it('doubles each wait up to the cap, jitters below it, and gives up after maxRetries', () => {
    const policy = createReconnectPolicy({ initialDelayMs: 100, maxDelayMs: 500, maxRetries: 4 })
    const low = createReconnectPolicy({ initialDelayMs: 100, maxDelayMs: 500 }, () => 1)

    expect([1, 2, 3, 4].map((attempt) => policy(attempt, null) ?? -1)).toSatisfy((waits) =>
      (waits as number[]).every((wait, i) => wait <= Math.min(500, 100 * 2 ** i) && wait >= 0),
    )
    expect(low(3, null)).toBe(200)
    expect(policy(5, null)).toBeNull()
  })

  it('never waits less than the server asked for, jitter or not', () => {
    const policy = createReconnectPolicy({ initialDelayMs: 10, maxDelayMs: 50 }, () => 1)
    expect(policy(1, 3000)).toBe(3000)
    expect(policy(4, 20)).toBe(25)
  })
})

describe('streamTask reconnecting', () => {
  it.each([401, 403, 404])('never retries a %i and rejects with its ApiError', async (status) => {
    const { client, seen } = clientWith([problem(status)])
    const error = await client.streamTask('t').result.catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status, problem: { detail: `refused ${status}` } })
    expect(seen).toHaveLength(1)
  })

  it('waits for Retry-After on a 503 before connecting again', async () => {
    vi.useFakeTimers()
    const busy = () => new Response('busy', { status: 503, headers: { 'Retry-After': '2' } })
    const done = () => sseResponse(frame('update', { id: 't', status: 10 }, 2))
    const { client, seen } = clientWith([busy, running, done])
    const result = client.streamTask('t').result

    await vi.advanceTimersByTimeAsync(1990)
    expect(seen).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(20)
    await expect(result).resolves.toMatchObject({ status: TaskStatus.COMPLETED })
    expect(seen).toHaveLength(3)
  })

  it('refuses a text/html answer without parsing it', async () => {
    const page = () =>
      new Response('<html>log in</html>', { headers: { 'Content-Type': 'text/html' } })
    const { client, seen } = clientWith([page])
    const error = await client.streamTask('t').result.catch((e: unknown) => e)

    expect(error).toMatchObject({ type: 'stream', kind: 'unexpected-content-type' })
    expect(seen).toHaveLength(1)
  })

  it('stops on a 204 after one re-read, without reconnecting', async () => {
    const { client, seen } = clientWith([() => new Response(null, { status: 204 }), running])
    const error = await client.streamTask('t').result.catch((e: unknown) => e)

    expect(error).toMatchObject({ kind: 'ended' })
    expect(seen.map((request) => request.url)).toEqual([
      `${base}/tasks/t/stream?deltas=true`,
      `${base}/tasks/t`,
    ])
  })

  it('replaces a connection that goes silent past heartbeatTimeoutMs', async () => {
    vi.useFakeTimers()
    const silent = (request: { signal: AbortSignal | null }) =>
      openSseResponse(frame('update', { id: 't', status: 7 }, 1), request.signal)
    const done = () => sseResponse(frame('update', { data: { status: 10 }, fields: ['status'] }, 2))
    const { client, seen } = clientWith([silent, running, done], {
      initialDelayMs: 0,
      heartbeatTimeoutMs: 1000,
    })
    const result = client.streamTask('t').result

    await vi.advanceTimersByTimeAsync(900)
    expect(seen).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(200)
    await expect(result).resolves.toMatchObject({ status: TaskStatus.COMPLETED })
    expect(seen[2]?.headers.get('last-event-id')).toBe('1')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('makes no request at all for an already-aborted signal', async () => {
    const { client, seen } = clientWith([running])
    const controller = new AbortController()
    controller.abort(new Error('gone'))

    await expect(client.streamTask('t', { signal: controller.signal }).result).rejects.toThrow(
      'gone',
    )
    expect(seen).toHaveLength(0)
  })

  it('leaves no timer and no request when closed during a backoff wait', async () => {
    vi.useFakeTimers()
    const ended = () => sseResponse(': ping\n\n')
    const { client, seen } = clientWith([ended, running, ended], {
      initialDelayMs: 5000,
      jitter: 0,
    })
    const stream = client.streamTask('t')
    const result = stream.result.catch((e: unknown) => e)

    await vi.advanceTimersByTimeAsync(10)
    expect(seen).toHaveLength(2)
    expect(vi.getTimerCount()).toBe(1)
    stream.close()
    expect(await result).toMatchObject({ kind: 'closed' })
    expect(vi.getTimerCount()).toBe(0)
    expect(seen).toHaveLength(2)
  })

  it('aborts a request still waiting for its headers on close', async () => {
    let signal: AbortSignal | null = null
    const hanging = (request: { signal: AbortSignal | null }) => {
      signal = request.signal
      return new Promise<Response>((_, reject) =>
        request.signal?.addEventListener('abort', () => reject(request.signal?.reason)),
      ) as unknown as Response
    }
    const { client } = clientWith([hanging])
    const stream = client.streamTask('t')
    await Promise.resolve()
    stream.close()

    await expect(stream.result).rejects.toMatchObject({ kind: 'closed' })
    expect((signal as AbortSignal | null)?.aborted).toBe(true)
  })

  it('skips an update for another task, reports it, and heals with the next one', async () => {
    const wire = [
      frame('update', { id: 't', status: 7, logs: 'a\n' }, 1),
      frame('update', { id: 'other', status: 11, logs: 'nope\n' }, 2),
      frame('update', { data: { status: 10, logs: 'a\nb\n' }, fields: ['status', 'logs'] }, 3),
    ].join('')
    const { client } = clientWith([() => sseResponse(wire)])
    const errors: StreamError[] = []
    const task = await client.streamTask('t', { onError: (e) => errors.push(e) }).result

    expect(errors.map((error) => error.kind)).toEqual(['malformed-event'])
    expect(task).toMatchObject({ id: 't', status: TaskStatus.COMPLETED, logs: 'a\nb\n' })
  })

  it('appends deltas to logs and text, and ignores events a server sends again', async () => {
    const wire = [
      frame('update', { id: 't', status: 7, logs: 'a\n', output: { text: 'Hel' } }, 1),
      frame('delta', { append: { logs: 'b\n', output: { text: 'lo' } } }, 2),
      frame('delta', { append: { logs: 'b\n', output: { text: 'lo' } } }, 2),
      frame('delta', { data: { status: 10 }, fields: ['status'], append: { logs: 'c\n' } }, 3),
    ].join('')
    const { client } = clientWith([() => sseResponse(wire)])
    const task = await client.streamTask('t').result

    expect(task).toMatchObject({ logs: 'a\nb\nc\n', output: { text: 'Hello' }, status: 10 })
  })

  it('resets the retry count after each connection that brought a new event', async () => {
    // Six streams in a row each end early, but each after a new event: more than maxRetries
    // cuts, none of them in a row without progress, so the stream keeps following.
    const progress = (id: number) => () =>
      sseResponse(frame('update', { id: 't', status: 7, logs: `${id}\n` }, id))
    const cuts = [1, 2, 3, 4, 5, 6].flatMap((id) => [progress(id), running])
    const done = () =>
      sseResponse(frame('update', { id: 't', status: 10 }, 7) + frame('done', {}, 8))
    const { client, seen } = clientWith([...cuts, done], { maxRetries: 2, initialDelayMs: 0 })

    await expect(client.streamTask('t').result).resolves.toMatchObject({
      status: TaskStatus.COMPLETED,
    })
    expect(seen).toHaveLength(13)
    expect(seen[12]?.headers.get('last-event-id')).toBe('6')
  })

  it("waits at least the server's retry: before reconnecting, above its own backoff", async () => {
    vi.useFakeTimers()
    const first = () => sseResponse(`retry: 300\n\n${frame('update', { id: 't', status: 7 }, 1)}`)
    const done = () => sseResponse(frame('update', { id: 't', status: 10 }, 2))
    const { client, seen } = clientWith([first, running, done], {
      initialDelayMs: 0,
      maxDelayMs: 0,
    })
    const result = client.streamTask('t').result

    // Only a lower bound: the client's own backoff is 0, so any wait comes from `retry:`.
    await vi.advanceTimersByTimeAsync(250)
    expect(seen).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(100)
    await expect(result).resolves.toMatchObject({ status: TaskStatus.COMPLETED })
    expect(seen).toHaveLength(3)
  })

  it('warns once about skipped events in the console, and reports each to onError', async () => {
    // A fresh module graph, so warnings already given by other tests do not hide this one.
    vi.resetModules()
    const fresh = await import('../src/index')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      const wire = [
        frame('update', { id: 't', status: 7 }, 1),
        frame('update', { id: 'other', status: 11 }, 2),
        frame('update', { id: 'another', status: 11 }, 3),
        frame('update', { id: 't', status: 10 }, 4),
      ].join('')
      const { fetch } = scriptedFetch([() => sseResponse(wire)])
      const client = fresh.createClient({ baseUrl: base, fetch })
      const errors: StreamError[] = []
      const task = await client.streamTask('t', { onError: (e) => errors.push(e) }).result

      expect(task.status).toBe(TaskStatus.COMPLETED)
      expect(errors.map((error) => error.message)).toEqual([
        'Skipped an update for another task: "other"',
        'Skipped an update for another task: "another"',
      ])
      expect(warn).toHaveBeenCalledTimes(1)
      expect(warn.mock.calls[0]?.[0]).toBe(
        '[@taskstream/core] Skipped an update for another task: "other"',
      )
    } finally {
      warn.mockRestore()
    }
  })

  it('falls back SSE → NDJSON → polling when streams are cut before their first event', async () => {
    const cut = () => sseResponse('')
    const ndjsonCut = () =>
      new Response('', { headers: { 'Content-Type': 'application/x-ndjson' } })
    const polled = () => jsonResponse({ id: 't', status: 10, output: { ok: true } })
    const { client, seen } = clientWith(
      [cut, running, cut, running, ndjsonCut, running, ndjsonCut, running, polled],
      { initialDelayMs: 0, maxRetries: 10 },
    )
    const transports: TransportName[] = []
    const task: Task = await client.streamTask('t', {
      onTransportChange: (name) => transports.push(name),
    }).result

    expect(transports).toEqual(['sse', 'ndjson', 'poll'])
    expect(task.output).toEqual({ ok: true })
    expect(seen[4]?.headers.get('accept')).toBe('application/x-ndjson')
    expect(seen.at(-1)?.url).toBe(`${base}/tasks/t`)
  })

  it('falls back when only the retry line and heartbeats get through before each cut', async () => {
    const preamble = () => sseResponse('retry: 0\n\n: ping\n\n: ping\n\n')
    const ndjson = () =>
      new Response(`${JSON.stringify({ event: 'update', data: { id: 't', status: 10 } })}\n`, {
        headers: { 'Content-Type': 'application/x-ndjson' },
      })
    const { client, seen } = clientWith([preamble, running, preamble, running, ndjson], {
      initialDelayMs: 0,
      maxRetries: 10,
    })
    const transports: TransportName[] = []
    const task = await client.streamTask('t', {
      onTransportChange: (name) => transports.push(name),
    }).result

    expect(transports).toEqual(['sse', 'ndjson'])
    expect(task.status).toBe(10)
    expect(seen.at(-1)?.headers.get('accept')).toBe('application/x-ndjson')
  })
})
