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
// in bursts of ten. It starts once its stream is open, and ends only once the run lets it
// (after the client has resumed, when a cut is planned), so every cut is followed by a resume.
const steps: TaskApp = {
  id: 'test/steps',
  name: 'Steps',
  description: 'Two hundred events of logs and text.',
  input: { gate: { type: 'string', description: 'The gates to wait at.' } },
  async run(ctx) {
    const key = String(ctx.input.gate)
    await gates.get(key)?.promise
    let text = ''
    for (let i = 0; i < 100; i += 1) {
      ctx.log(`line ${i} \u001b[32mok\u001b[0m ${'·'.repeat(i % 7)}`)
      text += `tök${i} `
      ctx.setOutput({ text, tokens: i + 1 })
      if (i % 10 === 9) await ctx.sleep(1)
    }
    await gates.get(endOf(key))?.promise
  },
}

interface Gate {
  promise: Promise<void>
  open(): void
}

const gates = new Map<string, Gate>()

/** The key of the gate a run's task waits at before it ends. */
const endOf = (key: string): string => `${key}:end`

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

/** What a run's streams carried: each stream's `Last-Event-ID` and the event ids it brought. */
interface Streamed {
  resumedFrom: string | null
  ids: number[]
}

/** A fetch that notes what each stream carries, passing its bytes on untouched. */
function watchingFetch(streams: Streamed[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init)
    if (!String(input).includes('/stream') || response.body === null) return response

    const resumedFrom = new Headers(init?.headers).get('last-event-id')
    const streamed: Streamed = { resumedFrom, ids: [] }
    streams.push(streamed)
    const decoder = new TextDecoder()
    let pending = ''
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          const lines = (pending + decoder.decode(chunk, { stream: true })).split('\n')
          pending = lines.pop() ?? ''
          for (const line of lines) {
            // `id: 7` in SSE, `{"id":7,…}` in NDJSON.
            const id = /^id: (\d+)$/.exec(line)?.[1] ?? /^\{"id":(\d+),/.exec(line)?.[1]
            if (id !== undefined) streamed.ids.push(Number(id))
          }
          controller.enqueue(chunk)
        },
      }),
    )
    return new Response(body, response)
  }
}

interface Outcome {
  id: string
  streams: Streamed[]
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
  { faults, transport, opensBeforeEnd }: Case,
  key: string,
): Promise<Outcome> {
  server.setFaults(faults)
  const streams: Streamed[] = []
  const client = createClient({
    baseUrl,
    apiKey: 'local-key',
    transport,
    pollIntervalMs: 1,
    reconnect: { initialDelayMs: 0, maxRetries: 8, heartbeatTimeoutMs: 2000 },
    fetch: watchingFetch(streams),
  })
  const opened = gate(key)
  const ending = gate(endOf(key))
  let opens = 0
  const created = await client.run({ app: 'test/steps', input: { gate: key } }, { wait: false })

  let entry = createTaskEntry(created.id)
  let backwards = 0
  let logRewinds = 0
  let reconnects = 0
  let mostOpen = 0
  let last: Task | null = null
  const stream = client.streamTask(created.id, {
    onConnectionChange: (state) => {
      if (state === 'reconnecting') reconnects++
      if (state !== 'open') return
      opens += 1
      opened.open()
      if (opens >= opensBeforeEnd) ending.open()
      mostOpen = Math.max(mostOpen, server.openStreams(created.id))
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
  gates.delete(endOf(key))
  return { id: created.id, streams, entry, backwards, logRewinds, reconnects, mostOpen }
}

/** One disturbed run: the server's faults and the client's transport. */
interface Case {
  faults: FaultOptions
  transport: TransportName
  /** How many times the client's connection opens before the task may end. */
  opensBeforeEnd: number
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
  it('ends every cut run in the undisturbed state, each line once, statuses forward', async () => {
    const workers = 8
    const servers = Array.from({ length: workers }, () =>
      createTaskServer({ port: 0, apps: [steps], heartbeatMs: 50 }),
    )
    const urls = await Promise.all(servers.map((server) => server.listen()))

    try {
      const [first, firstUrl] = [servers[0], urls[0]]
      if (first === undefined || firstUrl === undefined) throw new Error('no server')
      const undisturbed: Case = { faults: { retryMs: 0 }, transport: 'sse', opensBeforeEnd: 1 }
      const base = await runOnce(first, firstUrl, undisturbed, 'base')
      const expected = essence(base.entry)
      expect(expected.status).toBe(TaskStatus.COMPLETED)
      expect(expected.logs).toHaveLength(100)
      const statuses = base.entry.state.events.map((event) => event.status)
      // The events of an undisturbed stream, `done` included.
      const events = base.streams[0]?.ids ?? []
      expect(events.length).toBeGreaterThan(200)

      // A cut after every event but `done`, and cuts mid-event spread over the whole stream;
      // each closed cleanly or broken off, over SSE and NDJSON. One event cut in five reconnects
      // to a server that ignores `Last-Event-ID` and replays from the start.
      // The task's last two events, its COMPLETED update and `done`, come after the end gate:
      // a cut after one of them has nothing left to resume, so the gate opens at once.
      const resumable = events.length - 2
      const size = await streamBytes(firstUrl, base.id)
      const cases: Case[] = []
      for (let k = 1; k < events.length; k += 1) {
        const replayFromStart = k % 5 === 0
        const dropMode = k % 2 === 0 ? 'destroy' : 'end'
        cases.push({
          faults: { dropAfterEvents: k, dropMode, replayFromStart, streams: 1, retryMs: 0 },
          transport: k % 3 === 0 ? 'ndjson' : 'sse',
          opensBeforeEnd: k <= resumable ? 2 : 1,
        })
      }
      for (let k = 0; k < 200; k += 1) {
        const bytes = 40 + Math.floor((k * (size - 80)) / 200)
        const dropMode = k % 2 === 0 ? 'destroy' : 'end'
        cases.push({
          faults: { dropAfterBytes: bytes, dropMode, streams: 2, retryMs: 0, malformedEventAt: 7 },
          transport: k % 4 === 0 ? 'ndjson' : 'sse',
          opensBeforeEnd: 2,
        })
      }

      const outcomes: Outcome[] = []
      let next = 0
      await Promise.all(
        servers.map(async (server, index) => {
          const url = urls[index] ?? ''
          for (let i = next++; i < cases.length; i = next++) {
            outcomes[i] = await runOnce(server, url, cases[i] ?? undisturbed, `run-${i}`)
          }
        }),
      )

      expect(outcomes.length).toBeGreaterThanOrEqual(400)
      for (const [index, { faults }] of cases.entries()) {
        const k = faults.dropAfterEvents
        const streams = outcomes[index]?.streams ?? []
        if (k === undefined || k > resumable) continue
        const label = `case ${index}: ${JSON.stringify(cases[index])}`
        // Cut right after event k, and resumed from it: every event boundary is a resume point.
        expect(streams[0]?.ids, label).toEqual(events.slice(0, k))
        expect(streams[1]?.resumedFrom, label).toBe(String(events[k - 1]))
        // A server that replays from the start sent every event again, from the first after the
        // task's opening snapshot, and the client coped.
        if (faults.replayFromStart)
          expect(streams[1]?.ids.slice(0, k - 1), label).toEqual(events.slice(1, k))
      }
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
