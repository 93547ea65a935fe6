import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  ApiError,
  createTaskStore,
  StreamError,
  type StreamOptions,
  type Task,
  TaskStatus,
  type TaskStream,
  type TaskstreamClient,
} from '../src/index'

interface FakeStream {
  id: string
  options: StreamOptions
  closed: boolean
  finish(task: Task): void
  fail(error: Error): void
}

/** A client whose streams the test drives by hand. */
function fakeClient() {
  const streams: FakeStream[] = []
  const client: Pick<TaskstreamClient, 'streamTask'> = {
    streamTask(id, options = {}) {
      let resolve: (task: Task) => void = () => undefined
      let reject: (error: unknown) => void = () => undefined
      const result = new Promise<Task>((ok, no) => {
        resolve = ok
        reject = no
      })
      const fake: FakeStream = {
        id,
        options,
        closed: false,
        finish: (task) => {
          options.onUpdate?.(task)
          resolve(task)
        },
        fail: (error) => reject(error),
      }
      streams.push(fake)
      const close = () => {
        fake.closed = true
        reject(new StreamError('closed', 'closed', id))
      }
      const stream: TaskStream = {
        result,
        task: null,
        close,
        [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }),
        [Symbol.asyncDispose]: async () => close(),
        [Symbol.dispose]: close,
      }
      return stream
    },
  }
  return { client, streams }
}

/** A schedule the test flushes by hand, counting how often the store asked. */
function manualSchedule() {
  const queued: Array<() => void> = []
  return {
    schedule: (flush: () => void) => {
      queued.push(flush)
    },
    run: () => {
      for (const flush of queued.splice(0)) flush()
    },
    get asked() {
      return queued.length
    },
  }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('createTaskStore', () => {
  it('opens one connection however many watch a task', () => {
    const { client, streams } = fakeClient()
    const store = createTaskStore(client)

    const stopA = store.getState().watch('t')
    const stopB = store.getState().watch('t')
    expect(streams).toHaveLength(1)
    expect(store.getState().tasks.t?.status).toBe(TaskStatus.UNKNOWN)
    stopA()
    stopB()
  })

  it('closes the connection a grace period after the last watcher leaves', () => {
    vi.useFakeTimers()
    const { client, streams } = fakeClient()
    const stop = createTaskStore(client, { graceMs: 100 }).getState().watch('t')

    stop()
    vi.advanceTimersByTime(99)
    expect(streams[0]?.closed).toBe(false)
    vi.advanceTimersByTime(1)
    expect(streams[0]?.closed).toBe(true)
  })

  it('keeps one connection through a mount, unmount and mount', () => {
    vi.useFakeTimers()
    const { client, streams } = fakeClient()
    const store = createTaskStore(client)

    store.getState().watch('t')()
    const stop = store.getState().watch('t')
    vi.advanceTimersByTime(1000)

    expect(streams).toHaveLength(1)
    expect(streams[0]?.closed).toBe(false)
    stop()
  })

  it('applies updates in one batch per flush, however fast they arrive', () => {
    const { client, streams } = fakeClient()
    const timing = manualSchedule()
    const store = createTaskStore(client, { schedule: timing.schedule })
    const stop = store.getState().watch('t')
    const listener = vi.fn()
    store.subscribe(listener)

    const onUpdate = streams[0]?.options.onUpdate
    onUpdate?.({ id: 't', status: 7, logs: 'a\n' })
    onUpdate?.({ id: 't', status: 7, logs: 'a\nb\n' })
    onUpdate?.({ id: 't', status: 8, logs: 'a\nb\nc\n' })
    expect(timing.asked).toBe(1)
    expect(listener).not.toHaveBeenCalled()

    timing.run()
    expect(listener).toHaveBeenCalledTimes(1)
    const state = store.getState().tasks.t
    expect(state?.logs.map((line) => line.text)).toEqual(['a', 'b', 'c'])
    expect(state?.events.map((event) => event.status)).toEqual([7, 8])
    stop()
  })

  it('keeps a finished task and never reconnects it', async () => {
    vi.useFakeTimers()
    const { client, streams } = fakeClient()
    const store = createTaskStore(client, { schedule: (flush) => flush() })
    const stop = store.getState().watch('t')

    streams[0]?.finish({ id: 't', status: 10, output: { ok: true } })
    stop()
    await vi.advanceTimersByTimeAsync(500)
    const again = store.getState().watch('t')

    expect(streams).toHaveLength(1)
    expect(store.getState().tasks.t).toMatchObject({ status: 10, output: { ok: true } })
    again()
  })

  it('records a failure to follow the task as its error', async () => {
    const { client, streams } = fakeClient()
    const store = createTaskStore(client, { schedule: (flush) => flush() })
    store.getState().watch('t')

    const problem = { title: 'Not found', detail: null, code: null }
    streams[0]?.fail(new ApiError(404, problem, 'GET /tasks/t/stream'))
    await vi.waitFor(() => expect(store.getState().tasks.t?.error).toBeInstanceOf(ApiError))
    expect(store.getState().tasks.t?.connection).toBe('closed')
  })

  it('seeds a task from track, at once', () => {
    const { client } = fakeClient()
    const store = createTaskStore(client)
    store.getState().track({ id: 'x', status: 2, logs: 'queued\n' })

    expect(store.getState().tasks.x).toMatchObject({
      status: TaskStatus.QUEUED,
      statusName: 'QUEUED',
    })
    expect(store.getState().tasks.x?.logs).toEqual([{ id: 0, text: 'queued' }])
  })

  it('closes and forgets a removed task', () => {
    const { client, streams } = fakeClient()
    const store = createTaskStore(client)
    const stop = store.getState().watch('t')

    store.getState().remove('t')
    stop()
    expect(streams[0]?.closed).toBe(true)
    expect(store.getState().tasks.t).toBeUndefined()
  })
})
