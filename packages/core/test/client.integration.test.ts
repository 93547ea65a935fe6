import { createTaskServer, type TaskServer } from '@taskstream/server'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  ApiError,
  createClient,
  createTaskStore,
  isTerminal,
  type Task,
  TaskCancelledError,
  TaskFailedError,
  TaskStatus,
  type TaskstreamClient,
} from '../src/index'
import { waitForTask } from './helpers/wait'

let server: TaskServer
let client: TaskstreamClient

beforeEach(async () => {
  server = createTaskServer({ port: 0, timeScale: 0.02 })
  const baseUrl = await server.listen()
  client = createClient({ baseUrl, apiKey: 'local-key', reconnect: { initialDelayMs: 10 } })
})

afterEach(async () => {
  await server.close()
})

const textOf = (task: Task): string => {
  const text = task.output?.text
  return typeof text === 'string' ? text : ''
}

describe('client against the local server', () => {
  it('streams local/text: statuses go forward, the text grows, it ends COMPLETED', async () => {
    const updates: Task[] = []
    for await (const task of client.run(
      { app: 'local/text', input: { prompt: 'a quiet harbour', max_tokens: 12 } },
      { stream: true },
    )) {
      updates.push(task)
    }

    const statuses = updates.map((task) => task.status as number)
    expect(statuses.at(-1)).toBe(TaskStatus.COMPLETED)
    expect(statuses).toEqual([...statuses].sort((a, b) => a - b))
    expect(new Set(statuses).size).toBeGreaterThanOrEqual(3)

    const texts = updates.map(textOf)
    const shrunk = texts.filter((text, index) => !text.startsWith(texts[index - 1] ?? ''))
    expect(shrunk).toEqual([])
    expect(new Set(texts.filter((text) => text !== '')).size).toBeGreaterThan(5)
  })

  it('creates without waiting, then follows the task to its result', async () => {
    const created = await client.run(
      { app: 'local/text', input: { prompt: 'later', max_tokens: 5 } },
      { wait: false },
    )
    expect(isTerminal(created.status as number)).toBe(false)

    const stream = client.streamTask(created.id)
    const final = await stream.result
    expect(final.id).toBe(created.id)
    expect(final.status).toBe(TaskStatus.COMPLETED)
    expect(textOf(final).length).toBeGreaterThan(0)
  })

  it('hands onPartialUpdate the fields that changed', async () => {
    const fields = new Set<string>()
    const final = await client.run(
      { app: 'local/text', input: { prompt: 'fields', max_tokens: 5 } },
      {
        onPartialUpdate: (_task, changed) => {
          for (const field of changed) fields.add(field)
        },
      },
    )

    expect(final.status).toBe(TaskStatus.COMPLETED)
    expect(fields.has('output')).toBe(true)
    expect(fields.has('status')).toBe(true)
  })

  it('rejects local/fail with a TaskFailedError carrying the server message', async () => {
    const error = await client
      .run({ app: 'local/fail', input: {} })
      .catch((failure: unknown) => failure)

    expect(error).toBeInstanceOf(TaskFailedError)
    const failed = error as TaskFailedError
    expect(failed.message).toContain('ran out of memory')
    expect(failed.task.status).toBe(TaskStatus.FAILED)
    expect(failed.task.error).toBe(failed.message)
  })

  it('cancels a running task, which then ends CANCELLED', async () => {
    const created = await client.run(
      { app: 'local/text', input: { prompt: 'long', max_tokens: 2000 } },
      { wait: false },
    )
    let asked = false
    const stream = client.streamTask(created.id, {
      onUpdate: (task) => {
        if (asked || task.status !== TaskStatus.RUNNING) return
        asked = true
        void client.cancel(created.id)
      },
    })

    const error = await stream.result.catch((failure: unknown) => failure)
    expect(error).toBeInstanceOf(TaskCancelledError)
    expect((await client.getTask(created.id)).status).toBe(TaskStatus.CANCELLED)
  })

  it('answers an unknown task with an ApiError 404', async () => {
    const read = await client.getTask('task_missing').catch((error: unknown) => error)
    expect(read).toBeInstanceOf(ApiError)
    expect((read as ApiError).status).toBe(404)

    const streamed = await client.streamTask('task_missing').result.catch((error: unknown) => error)
    expect(streamed).toMatchObject({ type: 'api', status: 404 })
  })

  it('resumes a dropped stream with Last-Event-ID and loses no log line', async () => {
    server.setFaults({ dropAfterEvents: 3, streams: 2 })
    const resumedFrom: string[] = []
    const watching = createClient({
      baseUrl: server.url,
      reconnect: { initialDelayMs: 10, maxDelayMs: 20 },
      fetch: (input, init) => {
        const lastEventId = new Headers(init?.headers).get('last-event-id')
        if (lastEventId !== null) resumedFrom.push(lastEventId)
        return fetch(input, init)
      },
    })
    const store = createTaskStore(watching)
    const input = { prompt: 'drops', width: 16, height: 16, steps: 6 }
    const created = await watching.run({ app: 'local/image', input }, { wait: false })

    const stop = store.getState().watch(created.id)
    const done = await waitForTask(store, created.id, (state) => isTerminal(state.status))
    stop()

    const direct = await client.getTask(created.id)
    const expected = String(direct.logs)
      .replace(/[^\n]*\r/g, '')
      .split('\n')
      .slice(0, -1)
    expect(done.status).toBe(TaskStatus.COMPLETED)
    expect(resumedFrom.length).toBeGreaterThanOrEqual(1)
    expect(done.logs.map((line) => line.text)).toEqual(expected)
  })

  it('skips a malformed event, reports it, and still finishes', async () => {
    server.setFaults({ malformedEventAt: 2 })
    const kinds: string[] = []
    const final = await client.run(
      { app: 'local/text', input: { prompt: 'noise', max_tokens: 4 } },
      { onError: (error) => kinds.push(error.kind) },
    )

    expect(final.status).toBe(TaskStatus.COMPLETED)
    expect(kinds).toContain('malformed-event')
  })
})

describe('task store against the local server', () => {
  it('shares one connection between two watchers and ends with lines and progress', async () => {
    const store = createTaskStore(client)
    const input = { prompt: 'a red fox', width: 32, height: 32, steps: 8 }
    const created = await client.run({ app: 'local/image', input }, { wait: false })
    store.getState().track(created)

    const progress: number[] = []
    const openCounts = new Set<number>()
    const unsubscribe = store.subscribe((state) => {
      const live = state.tasks[created.id]
      if (live !== undefined && !isTerminal(live.status)) {
        openCounts.add(server.openStreams(created.id))
      }
      const percent = live?.progress?.percent
      if (percent !== undefined && percent !== progress.at(-1)) progress.push(percent)
    })

    const stopA = store.getState().watch(created.id)
    const stopB = store.getState().watch(created.id)
    const done = await waitForTask(store, created.id, (state) => isTerminal(state.status))
    unsubscribe()
    expect(openCounts.has(1)).toBe(true)
    expect(Math.max(...openCounts)).toBe(1)

    expect(done.status).toBe(TaskStatus.COMPLETED)
    expect(done.statusName).toBe('COMPLETED')
    expect(done.progress).toMatchObject({ percent: 100, current: 8, total: 8 })
    expect(progress.length).toBeGreaterThan(1)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))

    const bars = done.logs.filter((line) => line.text.includes('%|'))
    expect(bars).toHaveLength(1)
    expect(done.logs.some((line) => line.text.startsWith('Uploading'))).toBe(true)
    expect(new Set(done.logs.map((line) => line.id)).size).toBe(done.logs.length)
    expect(done.events.map((event) => event.status).at(-1)).toBe(TaskStatus.COMPLETED)
    expect(done.output).toHaveProperty('image')

    await waitForTask(store, created.id, (state) => state.connection === 'closed')
    expect(server.openStreams(created.id)).toBe(0)
    stopA()
    stopB()
  })
})
