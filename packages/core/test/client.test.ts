import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  ApiError,
  createClient,
  type RunOptions,
  type Task,
  TaskStatus,
  type TaskStream,
} from '../src/index'
import { frame, jsonResponse, scriptedFetch, sseResponse } from './helpers/sse'

const params = { app: 'local/text', input: { prompt: 'hi' } }

function clientWith(answers: Parameters<typeof scriptedFetch>[0], apiKey?: string) {
  const { fetch, seen } = scriptedFetch(answers)
  const options = apiKey === undefined ? {} : { apiKey }
  return { client: createClient({ baseUrl: 'http://test/api/', fetch, ...options }), seen }
}

describe('createClient', () => {
  it('posts the run with the key as a bearer token, the API version and JSON', async () => {
    const { client, seen } = clientWith([() => jsonResponse({ id: 't', status: 1 })], 'secret')
    const task = await client.run(params, { wait: false })

    expect(task).toEqual({ id: 't', status: TaskStatus.RECEIVED })
    const [request] = seen
    expect(request?.url).toBe('http://test/api/apps/run')
    expect(request?.method).toBe('POST')
    expect(request?.headers.get('authorization')).toBe('Bearer secret')
    expect(request?.headers.get('x-api-version')).toBe('2')
    expect(request?.headers.get('content-type')).toBe('application/json')
    expect(JSON.parse(request?.body ?? '')).toEqual(params)
    expect(request?.url).not.toContain('secret')
  })

  it('sends no Authorization header without a key', async () => {
    const { client, seen } = clientWith([() => jsonResponse({ id: 't', status: 7 })])
    await client.getTask('t')
    expect(seen[0]?.headers.has('authorization')).toBe(false)
  })

  it('unwraps the older {success, data} and {data, messages} envelopes', async () => {
    const { client } = clientWith([
      () => jsonResponse({ success: true, status: 200, data: { id: 'a', status: 'running' } }),
      () => jsonResponse({ data: { id: 'b', status: 10 }, messages: [] }),
    ])
    expect(await client.getTask('a')).toEqual({ id: 'a', status: TaskStatus.RUNNING })
    expect(await client.getTask('b')).toEqual({ id: 'b', status: TaskStatus.COMPLETED })
  })

  it('reads problem+json and {error: {code, message}} answers into ApiError', async () => {
    const { client } = clientWith([
      () => jsonResponse({ title: 'Not found', detail: 'no task', status: 404 }, 404),
      () => jsonResponse({ error: { code: 'rate_limited', message: 'slow down' } }, 429),
      () => jsonResponse({ success: false, error: { code: 'bad', message: 'no such app' } }),
    ])

    const notFound = await client.getTask('x').catch((error: unknown) => error)
    expect(notFound).toBeInstanceOf(ApiError)
    expect(notFound).toMatchObject({
      status: 404,
      problem: { title: 'Not found', detail: 'no task' },
    })

    const limited = await client.getTask('x').catch((error: unknown) => error)
    expect(limited).toMatchObject({
      status: 429,
      problem: { code: 'rate_limited', detail: 'slow down' },
    })

    const refused = await client.run(params, { wait: false }).catch((error: unknown) => error)
    expect(refused).toMatchObject({ type: 'api', status: 400, problem: { detail: 'no such app' } })
  })

  it('runs a task to its end, streaming it after creating it', async () => {
    const { client, seen } = clientWith([
      () => jsonResponse({ id: 't', status: 1 }, 201),
      () => sseResponse(frame('update', { id: 't', status: 10, output: { text: 'ok' } }, 1)),
    ])
    const statuses: unknown[] = []
    const task = await client.run(params, { onUpdate: (update) => statuses.push(update.status) })

    expect(task.output).toEqual({ text: 'ok' })
    expect(statuses).toEqual([TaskStatus.RECEIVED, TaskStatus.COMPLETED])
    expect(seen[1]?.url).toBe('http://test/api/tasks/t/stream?deltas=true')
  })

  it('cancels a task by POSTing to its cancel endpoint', async () => {
    const { client, seen } = clientWith([() => jsonResponse({ id: 't/1', status: 12 })])
    const task = await client.cancel('t/1')
    expect(task.status).toBe(TaskStatus.CANCELLED)
    expect(seen[0]?.url).toBe('http://test/api/tasks/t%2F1/cancel')
    expect(seen[0]?.method).toBe('POST')
  })

  it('types run by its options', () => {
    const client = createClient({ fetch: async () => jsonResponse({}) })
    expectTypeOf(client.run).toBeCallableWith(params)
    expectTypeOf<ReturnType<typeof run>>().toEqualTypeOf<TaskStream>()
    expectTypeOf<ReturnType<typeof runLater>>().toEqualTypeOf<Promise<Task>>()
    expectTypeOf<ReturnType<typeof runToEnd>>().toEqualTypeOf<Promise<Task>>()
    expectTypeOf<ReturnType<typeof runEither>>().toEqualTypeOf<TaskStream | Promise<Task>>()

    function run() {
      return client.run(params, { stream: true })
    }
    function runLater() {
      return client.run(params, { wait: false })
    }
    function runToEnd() {
      return client.run(params, { onUpdate: () => undefined })
    }
    function runEither(options: RunOptions) {
      return client.run(params, options)
    }
  })
})
