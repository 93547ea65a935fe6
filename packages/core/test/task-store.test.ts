import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  ApiError,
  createConnectionBudget,
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

  it('shows a skipped event and a fallback on the task, and heals with the next update', () => {
    const { client, streams } = fakeClient()
    const store = createTaskStore(client, { schedule: (flush) => flush() })
    store.getState().watch('t')
    const options = streams[0]?.options

    options?.onError?.(new StreamError('malformed-event', 'bad JSON', 't'))
    options?.onTransportChange?.('ndjson')
    expect(store.getState().tasks.t?.error).toBeInstanceOf(StreamError)
    expect(store.getState().tasks.t?.transport).toBe('ndjson')

    options?.onUpdate?.({ id: 't', status: TaskStatus.RUNNING })
    expect(store.getState().tasks.t?.error).toBeNull()
    expect(store.getState().tasks.t?.status).toBe(TaskStatus.RUNNING)
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

describe('createTaskStore connection budget', () => {
  it('opens at most maxConnections streams and gives a freed slot to the next task', async () => {
    const { client, streams } = fakeClient()
    const store = createTaskStore(client, { maxConnections: 2, schedule: (flush) => flush() })
    const stops = ['a', 'b', 'c', 'd'].map((id) => store.getState().watch(id))

    expect(streams.map((stream) => stream.id)).toEqual(['a', 'b'])
    streams[0]?.finish({ id: 'a', status: 10 })
    await vi.waitFor(() => expect(streams.map((stream) => stream.id)).toEqual(['a', 'b', 'c']))
    expect(store.getState().tasks.a?.status).toBe(TaskStatus.COMPLETED)
    for (const stop of stops) stop()
  })

  it('gives the slot of a task nobody watches any more to a waiting one', () => {
    vi.useFakeTimers()
    const { client, streams } = fakeClient()
    const store = createTaskStore(client, { maxConnections: 1, graceMs: 10 })
    const stopA = store.getState().watch('a')
    const stopB = store.getState().watch('b')
    expect(streams).toHaveLength(1)

    stopA()
    vi.advanceTimersByTime(10)
    expect(streams[0]?.closed).toBe(true)
    expect(streams.map((stream) => stream.id)).toEqual(['a', 'b'])
    stopB()
  })

  it('leaves the queue when a waiting task is no longer watched', () => {
    vi.useFakeTimers()
    const { client, streams } = fakeClient()
    const store = createTaskStore(client, { maxConnections: 1, graceMs: 10 })
    const stopA = store.getState().watch('a')
    store.getState().watch('b')()
    vi.advanceTimersByTime(10)

    stopA()
    vi.advanceTimersByTime(10)
    expect(streams.map((stream) => stream.id)).toEqual(['a'])
  })

  it('polls a waiting task and drops it from the queue once it has finished', async () => {
    vi.useFakeTimers()
    const { client, streams } = fakeClient()
    const reads: string[] = []
    const polling = {
      ...client,
      getTask: async (id: string): Promise<Task> => {
        reads.push(id)
        return { id, status: reads.length < 2 ? 7 : 10, output: { n: reads.length } }
      },
    }
    const store = createTaskStore(polling, {
      maxConnections: 1,
      pollMs: 500,
      schedule: (flush) => flush(),
    })
    store.getState().watch('a')
    store.getState().watch('b')

    await vi.advanceTimersByTimeAsync(0)
    expect(store.getState().tasks.b?.status).toBe(TaskStatus.RUNNING)
    await vi.advanceTimersByTimeAsync(500)
    expect(store.getState().tasks.b).toMatchObject({ status: 10, output: { n: 2 } })

    await vi.advanceTimersByTimeAsync(5000)
    expect(reads).toEqual(['b', 'b'])
    streams[0]?.finish({ id: 'a', status: 10 })
    await vi.advanceTimersByTimeAsync(0)
    expect(streams).toHaveLength(1)
  })

  it('shares a budget between stores', () => {
    const budget = createConnectionBudget(1)
    const first = fakeClient()
    const second = fakeClient()
    createTaskStore(first.client, { budget }).getState().watch('a')
    createTaskStore(second.client, { budget }).getState().watch('b')

    expect(first.streams).toHaveLength(1)
    expect(second.streams).toHaveLength(0)
    expect(budget).toMatchObject({ open: 1, waiting: 1 })
  })
})

describe('createTaskStore eviction', () => {
  it('keeps the most recently used finished tasks nobody watches, and evicts the rest', () => {
    const { client } = fakeClient()
    const store = createTaskStore(client, { maxFinished: 2, schedule: (flush) => flush() })

    for (const id of ['a', 'b', 'c']) store.getState().track({ id, status: 10 })
    expect(Object.keys(store.getState().tasks)).toEqual(['b', 'c'])

    store.getState().watch('b')
    store.getState().track({ id: 'd', status: 11 })
    store.getState().track({ id: 'e', status: 12 })
    expect(Object.keys(store.getState().tasks).sort()).toEqual(['b', 'd', 'e'])
  })

  it('keeps a page that runs thousands of tasks bounded', async () => {
    vi.useFakeTimers()
    const { client, streams } = fakeClient()
    const store = createTaskStore(client, { maxFinished: 20, graceMs: 0, maxConnections: 4 })

    for (let index = 0; index < 500; index += 1) {
      const id = `t${index}`
      const stop = store.getState().watch(id)
      streams.at(-1)?.finish({ id, status: 10, logs: 'done\n' })
      await vi.advanceTimersByTimeAsync(0)
      stop()
    }
    await vi.runAllTimersAsync()

    expect(streams).toHaveLength(500)
    expect(Object.keys(store.getState().tasks)).toHaveLength(20)
    expect(store.getState().tasks.t499?.status).toBe(TaskStatus.COMPLETED)
  })

  it('never evicts a running task nobody watches', () => {
    const { client } = fakeClient()
    const store = createTaskStore(client, { maxFinished: 0, schedule: (flush) => flush() })
    store.getState().track({ id: 'r', status: 7 })
    store.getState().track({ id: 'f', status: 10 })

    expect(Object.keys(store.getState().tasks)).toEqual(['r'])
  })
})
