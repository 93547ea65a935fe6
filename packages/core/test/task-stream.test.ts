import { describe, expect, it } from 'vitest'
import {
  createClient,
  StreamError,
  type Task,
  TaskCancelledError,
  TaskFailedError,
  TaskStatus,
} from '../src/index'
import { frame, jsonResponse, openSseResponse, scriptedFetch, sseResponse } from './helpers/sse'

const base = 'http://test'
const quick = { maxRetries: 2, initialDelayMs: 0 }

function clientWith(answers: Parameters<typeof scriptedFetch>[0]) {
  const { fetch, seen } = scriptedFetch(answers)
  const client = createClient({ baseUrl: base, apiKey: 'key_1', fetch, reconnect: quick })
  return { client, seen }
}

async function collect(stream: AsyncIterable<Task>): Promise<Task[]> {
  const tasks: Task[] = []
  for await (const task of stream) tasks.push(task)
  return tasks
}

describe('streamTask', () => {
  it('yields each merged task and resolves with the completed one', async () => {
    const text = [
      frame('update', { id: 't', status: 7, logs: 'a\n', output: null }, 1),
      frame('update', { data: { output: { text: 'hi' } }, fields: ['output'] }, 2),
      frame('update', { data: { status: 10 }, fields: ['status'] }, 3),
      frame('done', {}, 4),
    ].join('')
    const { client } = clientWith([() => sseResponse(text)])
    const stream = client.streamTask('t')

    const tasks = await collect(stream)
    expect(tasks.map((task) => task.status)).toEqual([7, 7, 10])
    expect(tasks[2]).toEqual({ id: 't', status: 10, logs: 'a\n', output: { text: 'hi' } })
    expect(await stream.result).toBe(tasks[2])
  })

  it('lets a loop that starts after the end see the final task, then stop', async () => {
    const { client } = clientWith([() => sseResponse(frame('update', { id: 't', status: 10 }, 1))])
    const stream = client.streamTask('t')
    await stream.result

    const tasks = await collect(stream)
    expect(tasks.map((task) => task.status)).toEqual([TaskStatus.COMPLETED])
  })

  it('calls onUpdate for every update and onPartialUpdate with the fields', async () => {
    const text = [
      frame('update', { id: 't', status: 7 }, 1),
      frame('update', { data: { status: 10, output: { n: 1 } }, fields: ['status', 'output'] }, 2),
    ].join('')
    const { client } = clientWith([() => sseResponse(text)])
    const updates: number[] = []
    const partials: string[][] = []

    await client.streamTask('t', {
      onUpdate: (task) => updates.push(task.status as number),
      onPartialUpdate: (_task, fields) => partials.push(fields),
    }).result

    expect(updates).toEqual([7, 10])
    expect(partials).toEqual([['status', 'output']])
  })

  it('re-reads the task and resumes with Last-Event-ID when the stream ends early', async () => {
    const { client, seen } = clientWith([
      () => sseResponse(frame('update', { id: 't', status: 7, logs: 'one\n' }, 5)),
      () => jsonResponse({ id: 't', status: 7, logs: 'one\ntwo\n' }),
      () => sseResponse(frame('update', { data: { status: 10 }, fields: ['status'] }, 6)),
    ])
    const states: string[] = []
    const task = await client.streamTask('t', { onConnectionChange: (s) => states.push(s) }).result

    expect(task).toMatchObject({ status: TaskStatus.COMPLETED, logs: 'one\ntwo\n' })
    expect(seen.map((request) => request.url)).toEqual([
      `${base}/tasks/t/stream?deltas=true`,
      `${base}/tasks/t`,
      `${base}/tasks/t/stream?deltas=true`,
    ])
    expect(seen[0]?.headers.get('last-event-id')).toBeNull()
    expect(seen[2]?.headers.get('last-event-id')).toBe('5')
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open', 'closed'])
  })

  it('finishes without reconnecting when the re-read task has ended', async () => {
    const { client, seen } = clientWith([
      () => sseResponse(frame('update', { id: 't', status: 7 }, 1)),
      () => jsonResponse({ id: 't', status: 10, output: { ok: true } }),
    ])
    const task = await client.streamTask('t').result
    expect(task.output).toEqual({ ok: true })
    expect(seen).toHaveLength(2)
  })

  it('gives up with a StreamError once the retries run out, the same event again and again', async () => {
    const same = () => sseResponse(frame('update', { id: 't', status: 7 }, 3))
    const running = () => jsonResponse({ id: 't', status: 7 })
    const { client, seen } = clientWith([same, running, same, running, same, running])

    const error = await client.streamTask('t').result.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StreamError)
    expect((error as StreamError).kind).toBe('ended')
    expect(seen).toHaveLength(6)
  })

  it('retries when re-reading the task hits a network error', async () => {
    const { client } = clientWith([
      () => sseResponse(frame('update', { id: 't', status: 7 }, 1)),
      () => {
        throw new TypeError('fetch failed')
      },
      () => sseResponse(frame('update', { data: { status: 10 }, fields: ['status'] }, 2)),
    ])
    expect((await client.streamTask('t').result).status).toBe(TaskStatus.COMPLETED)
  })

  it('fails at once on a 404 without retrying', async () => {
    const missing = () => jsonResponse({ title: 'Not found', status: 404 }, 404)
    const { client, seen } = clientWith([missing])
    await expect(client.streamTask('t').result).rejects.toMatchObject({ type: 'api', status: 404 })
    expect(seen).toHaveLength(1)
  })

  it('rejects with TaskFailedError; the loop yields the failed task, then throws', async () => {
    const text = frame('update', { id: 't', status: 11, error: 'out of memory' }, 1)
    const { client } = clientWith([() => sseResponse(text)])
    const stream = client.streamTask('t')
    const seenStatuses: unknown[] = []

    const thrown = await (async () => {
      for await (const task of stream) seenStatuses.push(task.status)
    })().catch((error: unknown) => error)

    expect(seenStatuses).toEqual([TaskStatus.FAILED])
    expect(thrown).toBeInstanceOf(TaskFailedError)
    const error = await stream.result.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TaskFailedError)
    expect((error as TaskFailedError).message).toBe('out of memory')
  })

  it('rejects with TaskCancelledError for a cancelled task', async () => {
    const { client } = clientWith([() => sseResponse(frame('update', { id: 't', status: 12 }))])
    await expect(client.streamTask('t').result).rejects.toBeInstanceOf(TaskCancelledError)
  })

  it('stops at a terminal status even when the server keeps the stream open', async () => {
    const { client } = clientWith([
      ({ signal }) => openSseResponse(frame('update', { id: 't', status: 10 }, 1), signal),
    ])
    expect((await client.streamTask('t').result).status).toBe(TaskStatus.COMPLETED)
  })

  it('turns an error event into a StreamError', async () => {
    const { client } = clientWith([() => sseResponse(frame('error', { message: 'boom' }))])
    const error = await client.streamTask('t').result.catch((e: unknown) => e)
    expect(error).toMatchObject({ type: 'stream', kind: 'server-error' })
    expect((error as Error).message).toContain('boom')
  })

  it('reports a malformed update through onError and keeps going', async () => {
    const text = `${frame('update', '[not json', 1)}${frame('update', { id: 't', status: 10 }, 2)}`
    const { client } = clientWith([() => sseResponse(text)])
    const kinds: string[] = []
    const task = await client.streamTask('t', { onError: (error) => kinds.push(error.kind) }).result

    expect(kinds).toEqual(['malformed-event'])
    expect(task.status).toBe(TaskStatus.COMPLETED)
  })

  it('ends the loop and rejects the result on close()', async () => {
    const { client } = clientWith([
      ({ signal }) => openSseResponse(frame('update', { id: 't', status: 7 }, 1), signal),
    ])
    const stream = client.streamTask('t')
    const tasks: Task[] = []
    for await (const task of stream) {
      tasks.push(task)
      stream.close()
    }

    expect(tasks).toHaveLength(1)
    await expect(stream.result).rejects.toMatchObject({ type: 'stream', kind: 'closed' })
  })

  it('closes when a loop breaks early, and `await using` closes too', async () => {
    const open = ({ signal }: { signal: AbortSignal | null }) =>
      openSseResponse(frame('update', { id: 't', status: 7 }, 1), signal)
    const { client, seen } = clientWith([open, open])

    for await (const _task of client.streamTask('t')) break
    {
      await using stream = client.streamTask('t')
      await stream[Symbol.asyncIterator]().next()
    }

    expect(seen.map((request) => request.signal?.aborted)).toEqual([true, true])
  })

  it('rejects with the reason when the signal aborts', async () => {
    const controller = new AbortController()
    const { client } = clientWith([
      ({ signal }) => openSseResponse(frame('update', { id: 't', status: 7 }, 1), signal),
    ])
    const stream = client.streamTask('t', {
      signal: controller.signal,
      onUpdate: () => controller.abort(new Error('stop here')),
    })
    await expect(stream.result).rejects.toThrow('stop here')
  })
})
