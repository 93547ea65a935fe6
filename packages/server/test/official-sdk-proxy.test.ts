import { Inference, TaskStatusCompleted } from '@inferencesh/sdk'
import { describe, expect, it } from 'vitest'
import { createProxyHandler } from '../src'
import { startServer } from './helpers'
import { recordingFetch, serveHandler } from './proxy-helpers'

const key = 'server-side-key'

/** The local server requiring `key`, behind our proxy at the SDK's usual route. */
async function sdkThroughProxy(options: { stream?: boolean } = {}) {
  const { url } = await startServer({ apiKey: key })
  const { calls, send } = recordingFetch()
  const proxy = createProxyHandler({ apiKey: key, target: url, fetch: send })
  const proxyUrl = `${await serveHandler(proxy)}/api/inference/proxy`
  const client = new Inference({ proxyUrl, baseUrl: url, pollIntervalMs: 20, ...options })
  return { client, calls }
}

describe('the official @inferencesh/sdk in proxy mode, through createProxyHandler', () => {
  it('runs local/text to completion over its NDJSON stream, holding no key', async () => {
    const { client, calls } = await sdkThroughProxy()
    const partials: string[][] = []

    const task = await client.run(
      { app: 'local/text', input: { prompt: 'quay', max_tokens: 5 } },
      { onPartialUpdate: (_task, fields) => partials.push(fields) },
    )

    expect(task.status).toBe(TaskStatusCompleted)
    expect((task.output as { text: string }).text.split(' ')).toHaveLength(5)
    const paths = calls.map((call) => new URL(call.url).pathname)
    expect(paths[0]).toBe('/apps/run')
    expect(paths).toContain(`/tasks/${task.id}/stream`)
    expect(calls.every((call) => call.headers.get('authorization') === `Bearer ${key}`)).toBe(true)
  })

  it('polls, reads and cancels through the proxy with streaming off', async () => {
    const { client } = await sdkThroughProxy({ stream: false })

    const polled = await client.run({ app: 'local/lifecycle', input: {} })
    const created = await client.run({ app: 'local/lifecycle', input: {} }, { wait: false })
    await client.cancel(created.id)
    const { data: cancelled } = await client.getTask(created.id)

    expect(polled.status).toBe(TaskStatusCompleted)
    expect(cancelled.status).toBe(12)
  })

  it('surfaces a refused call as the SDK error', async () => {
    const { client } = await sdkThroughProxy()

    await expect(client.tasks.delete('task_x')).rejects.toThrow(/does not forward DELETE/)
  })
})
