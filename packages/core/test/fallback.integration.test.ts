import { createTaskServer, type TaskApp } from '@taskstream/server'
import { afterEach, describe, expect, it } from 'vitest'
import { createClient, TaskStatus, type TransportName } from '../src/index'

// Runs until the test lets it finish, so every fallback happens while it is still running.
let finish = (): void => undefined
const held: TaskApp = {
  id: 'test/held',
  name: 'Held',
  description: 'Runs until released.',
  input: {},
  async run(ctx) {
    ctx.setStatus('RUNNING')
    ctx.log('started')
    await new Promise<void>((resolve) => {
      finish = resolve
    })
    ctx.setOutput({ text: 'done' })
  },
}

const server = createTaskServer({ port: 0, apps: [held], heartbeatMs: 10 })

afterEach(async () => {
  await server.close()
})

describe('falling back past a buffering proxy', () => {
  it('goes SSE → NDJSON → polling and still ends COMPLETED with every field', async () => {
    const baseUrl = await server.listen()
    // Four streams held back whole, as a buffering proxy does: two SSE, then two NDJSON.
    server.setFaults({ bufferUntilEnd: true, streams: 4, retryMs: 0 })
    const client = createClient({
      baseUrl,
      apiKey: 'k',
      pollIntervalMs: 5,
      reconnect: { initialDelayMs: 0, heartbeatTimeoutMs: 60 },
    })
    const transports: TransportName[] = []
    const task = await client.run({ app: 'test/held', input: {} }, { wait: false })

    const result = client.streamTask(task.id, {
      onTransportChange: (name) => {
        transports.push(name)
        if (name === 'poll') finish()
      },
    }).result

    await expect(result).resolves.toMatchObject({
      status: TaskStatus.COMPLETED,
      logs: 'started\n',
      output: { text: 'done' },
    })
    expect(transports).toEqual(['sse', 'ndjson', 'poll'])
  })
})
