import { Inference, TaskStatusCompleted } from '@inferencesh/sdk'
import { describe, expect, it } from 'vitest'
import { startServer } from './helpers'

describe('the official @inferencesh/sdk against the local server', () => {
  it('runs local/text to completion over NDJSON and reads its output', async () => {
    const { url } = await startServer()
    const client = new Inference({ apiKey: 'local-key', baseUrl: url })
    const partials: string[][] = []

    const task = await client.run(
      { app: 'local/text', input: { prompt: 'lighthouse', max_tokens: 6 } },
      { onPartialUpdate: (_task, fields) => partials.push(fields) },
    )

    expect(task.status).toBe(TaskStatusCompleted)
    const text = (task.output as { text: string }).text
    expect(text.split(' ')).toHaveLength(6)
    expect(partials.some((fields) => fields.includes('output'))).toBe(true)
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
