import { Inference, TaskStatusCompleted } from '@inferencesh/sdk'
import { describe, expect, it } from 'vitest'
import { type TaskApp, type TaskServer, textApp } from '../src'
import { startServer, waitFor } from './helpers'

/** local/text that starts only once someone follows it, so every update is seen. */
function watchedText(server: () => TaskServer): TaskApp {
  return {
    ...textApp,
    id: 'test/watched-text',
    async run(ctx) {
      await waitFor(() => server().openStreams(ctx.taskId) > 0)
      await textApp.run(ctx)
    },
  }
}

describe('the official @inferencesh/sdk against the local server', () => {
  it('runs local/text to completion over NDJSON and reads its output', async () => {
    const { url } = await startServer()
    const client = new Inference({ apiKey: 'local-key', baseUrl: url })

    const task = await client.run({ app: 'local/text', input: { prompt: 'sea', max_tokens: 6 } })

    expect(task.status).toBe(TaskStatusCompleted)
    expect((task.output as { text: string }).text.split(' ')).toHaveLength(6)
  })

  it('hands every partial update to onPartialUpdate', async () => {
    let server: TaskServer | undefined
    const app = watchedText(() => server as TaskServer)
    const started = await startServer({ apps: [app] })
    server = started.server
    const client = new Inference({ apiKey: 'local-key', baseUrl: started.url })
    const partials: string[][] = []

    const task = await client.run(
      { app: 'test/watched-text', input: { prompt: 'lighthouse', max_tokens: 6 } },
      { onPartialUpdate: (_task, fields) => partials.push(fields) },
    )

    expect(task.status).toBe(TaskStatusCompleted)
    const text = (task.output as { text: string }).text
    expect(text.split(' ')).toHaveLength(6)
    expect(partials.filter((fields) => fields.includes('output'))).toHaveLength(6)
  })

  it('rejects with the task error when the app fails', async () => {
    const { url } = await startServer()
    const client = new Inference({ apiKey: 'local-key', baseUrl: url })

    const run = client.run({ app: 'local/fail', input: { prompt: 'x' } })

    await expect(run).rejects.toThrow(/out of memory/)
  })

  it('reads a task, polls it with stream off, and cancels it', async () => {
    const { url } = await startServer({ timeScale: 0.05 })
    const client = new Inference({ apiKey: 'k', baseUrl: url, stream: false, pollIntervalMs: 20 })

    const polled = await client.run({ app: 'local/lifecycle', input: {} })
    expect(polled.status).toBe(TaskStatusCompleted)

    const created = await client.run({ app: 'local/lifecycle', input: {} }, { wait: false })
    const { data: fetched } = await client.getTask(created.id)
    expect(fetched.id).toBe(created.id)

    await client.cancel(created.id)
    const { data: cancelled } = await client.getTask(created.id)
    expect(cancelled.status).toBe(12)
  })

  it('surfaces the problem detail of a refused run', async () => {
    const { url } = await startServer()
    const client = new Inference({ apiKey: 'k', baseUrl: url })

    await expect(client.run({ app: 'local/nope', input: {} })).rejects.toThrow(
      /no app "local\/nope"/,
    )
  })
})
