import { createTaskServer, type FaultOptions, type TaskApp } from '@taskstream/server'
import { describe, expect, it } from 'vitest'
import {
  createClient,
  createTaskEntry,
  type Task,
  type TaskEntry,
  TaskStatus,
  type TransportName,
  taskReducer,
} from '../src/index'

// A task of 200 events: 100 log lines (with ANSI colour) and 100 tokens of streamed text,
// in bursts of ten so that drops land both while it runs and after it has ended.
const steps: TaskApp = {
  id: 'test/steps',
  name: 'Steps',
  description: 'Two hundred events of logs and text.',
  input: { gate: { type: 'string', description: 'Which gate to wait at before starting.' } },
  async run(ctx) {
    await gates.get(String(ctx.input.gate))?.promise
    let text = ''
    for (let i = 0; i < 100; i += 1) {
      ctx.log(`line ${i} \u001b[32mok\u001b[0m ${'·'.repeat(i % 7)}`)
      text += `tök${i} `
      ctx.setOutput({ text, tokens: i + 1 })
      if (i % 10 === 9) await ctx.sleep(1)
    }
  },
}

interface Gate {
  promise: Promise<void>
  open(): void
}

const gates = new Map<string, Gate>()

function gate(key: string): Gate {
  let open = (): void => undefined
  const promise = new Promise<void>((resolve) => {
    open = resolve
  })
  const made = { promise, open }
  gates.set(key, made)
  return made
}

// A task's life in order, to check no status moves back.
const rank = (status: number): number => [0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 10, 11, 12].indexOf(status)

interface Outcome {
  id: string
  entry: TaskEntry
  backwards: number
  logRewinds: number
  reconnects: number
  /** The most streams of the task the server had open whenever one opened. */
  mostOpen: number
}

/** Runs the task under `faults` and folds every update through the reducer, as the store does. */
async function runOnce(
  server: ReturnType<typeof createTaskServer>,
  baseUrl: string,
  faults: FaultOptions,
  transport: TransportName,
  key: string,
): Promise<Outcome> {
  server.setFaults(faults)
  const client = createClient({
    baseUrl,
    apiKey: 'local-key',
    transport,
    pollIntervalMs: 1,
    reconnect: { initialDelayMs: 0, maxRetries: 8, heartbeatTimeoutMs: 2000 },
  })
  const opened = gate(key)
  const created = await client.run({ app: 'test/steps', input: { gate: key } }, { wait: false })

  let entry = createTaskEntry(created.id)
  let backwards = 0
  let logRewinds = 0
  let reconnects = 0
  let mostOpen = 0
  let last: Task | null = null
  const stream = client.streamTask(created.id, {
    onConnectionChange: (state) => {
      if (state === 'open') opened.open()
      if (state === 'reconnecting') reconnects++
      if (state === 'open') mostOpen = Math.max(mostOpen, server.openStreams(created.id))
    },
    onUpdate: (task) => {
      if (last !== null && rank(task.status as number) < rank(last.status as number)) backwards++
      const before = typeof last?.logs === 'string' ? last.logs : ''
      if (typeof task.logs === 'string' && !task.logs.startsWith(before)) logRewinds++
      last = task
      entry = taskReducer(entry, { type: 'task-received', task, at: 0 })
    },
  })
  await stream.result
  gates.delete(key)
  return { id: created.id, entry, backwards, logRewinds, reconnects, mostOpen }
}

/**
 * What must match the undisturbed run: all of the state but what differs from run to run (the
 * task's id, input and times, the transport and when each status came) and the statuses seen on
 * the way, which a cut can hide: a status passed while no stream was open is not seen.
 */
function essence(entry: TaskEntry) {
  const { state } = entry
  const {
    id: _id,
    input: _input,
    created_at: _created,
    updated_at: _updated,
    ...task
  } = state.task ?? {}
  return {
    status: state.status,
    task,
    logs: state.logs.map((line) => line.text),
    output: state.output,
    progress: state.progress,
    error: state.error,
    droppedLines: state.droppedLines,
  }
}

/** The bytes of a finished task's SSE stream from its first event, as the client reads it. */
async function streamBytes(baseUrl: string, id: string): Promise<number> {
  const response = await fetch(`${baseUrl}/tasks/${id}/stream?deltas=true`, {
    headers: { Authorization: 'Bearer local-key', 'Last-Event-ID': '1' },
  })
  return (await response.arrayBuffer()).byteLength
}

describe('fault matrix', () => {
  it('ends every disturbed run in the undisturbed state, each line once, statuses forward', async () => {
    const workers = 8
    const servers = Array.from({ length: workers }, () =>
      createTaskServer({ port: 0, apps: [steps], heartbeatMs: 50 }),
    )
    const urls = await Promise.all(servers.map((server) => server.listen()))

    try {
      const [first, firstUrl] = [servers[0], urls[0]]
      if (first === undefined || firstUrl === undefined) throw new Error('no server')
      const base = await runOnce(first, firstUrl, { retryMs: 0 }, 'sse', 'base')
      const expected = essence(base.entry)
      expect(expected.status).toBe(TaskStatus.COMPLETED)
      expect(expected.logs).toHaveLength(100)
      const statuses = base.entry.state.events.map((event) => event.status)

      // Every event boundary, and cuts mid-event spread over the whole stream; by end and by
      // reset, SSE and NDJSON. One run in five reconnects to a server that ignores
      // `Last-Event-ID` and replays every event from the start.
      const size = await streamBytes(firstUrl, base.id)
      const cases: Array<{ faults: FaultOptions; transport: TransportName }> = []
      for (let k = 1; k <= 205; k += 1) {
        const dropMode = k % 2 === 0 ? 'destroy' : 'end'
        const replayFromStart = k % 5 === 0
        cases.push({
          faults: { dropAfterEvents: k, dropMode, replayFromStart, streams: 1, retryMs: 0 },
          transport: k % 3 === 0 ? 'ndjson' : 'sse',
        })
      }
      for (let k = 0; k < 200; k += 1) {
        const bytes = 40 + Math.floor((k * (size - 80)) / 200)
        cases.push({
          faults: { dropAfterBytes: bytes, streams: 2, retryMs: 0, malformedEventAt: 7 },
          transport: k % 4 === 0 ? 'ndjson' : 'sse',
        })
      }

      const outcomes: Outcome[] = []
      let next = 0
      await Promise.all(
        servers.map(async (server, index) => {
          const url = urls[index] ?? ''
          for (let i = next++; i < cases.length; i = next++) {
            const { faults, transport } = cases[i] ?? { faults: {}, transport: 'sse' }
            outcomes[i] = await runOnce(server, url, faults, transport, `run-${i}`)
          }
        }),
      )

      expect(outcomes).toHaveLength(405)
      // The faults really cut the streams: nearly every run had to reconnect.
      const cut = outcomes.filter((outcome) => outcome.reconnects > 0)
      expect(cut.length).toBeGreaterThan(380)
      // The server saw the streams open as they opened: the count below is a real probe.
      expect(outcomes.filter((outcome) => outcome.mostOpen === 1).length).toBeGreaterThan(380)
      for (const [index, outcome] of outcomes.entries()) {
        const label = `case ${index}: ${JSON.stringify(cases[index])}`
        expect(essence(outcome.entry), label).toEqual(expected)
        expect(outcome.backwards, label).toBe(0)
        expect(outcome.logRewinds, label).toBe(0)
        expect(outcome.mostOpen, label).toBeLessThanOrEqual(1)
        expect(new Set(outcome.entry.state.logs.map((line) => line.id)).size, label).toBe(100)
        // The statuses seen come in the undisturbed order, some perhaps unseen, none invented.
        const seen = outcome.entry.state.events.map((event) => event.status)
        expect(
          seen.filter((status) => statuses.includes(status)),
          label,
        ).toEqual(seen)
        expect(
          statuses.filter((status) => seen.includes(status)),
          label,
        ).toEqual(seen)
        expect(seen.at(-1), label).toBe(TaskStatus.COMPLETED)
      }
    } finally {
      await Promise.all(servers.map((server) => server.close()))
    }
  }, 60_000)
})
