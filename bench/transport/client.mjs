/**
 * One client following one workload in its own process, so CPU and peak memory are its own.
 * Prints one JSON line: wall time, CPU, peak RSS, events and the per-event cost early and late.
 * With `warm`, the stream's bytes are recorded once and replayed from memory, as they arrived,
 * on every later run: after warm-up runs it reports the median CPU of the client's own work.
 * Usage: node client.mjs <client> <workload> <baseUrl> <events> [warm]
 */
import { createRequire, register } from 'node:module'
import { pathToFileURL } from 'node:url'

const [name, workload, baseUrl, expected, mode] = process.argv.slice(2)
const total = Number(expected)
const root = new URL('../../', import.meta.url)
const fromCore = createRequire(new URL('packages/core/package.json', root))

// Arrival time of every event, to compare the cost of an event early and late in the stream.
const times = new Float64Array(total + 1)
let count = 0
const tick = () => {
  if (count <= total) times[count] = performance.now()
  count += 1
}

/** What a user's own code does with each message: merge updates, append deltas. */
function apply(state, event, data) {
  if (event === 'delta') return append(state, data.append)
  if (data.data !== undefined && Array.isArray(data.fields)) return { ...state, ...data.data }
  return { ...state, ...data }
}

function append(target, more) {
  if (typeof more === 'string') return (typeof target === 'string' ? target : '') + more
  const next = { ...(target ?? {}) }
  for (const [key, value] of Object.entries(more)) next[key] = append(next[key], value)
  return next
}

// Every library is loaded before the clock starts, the same for every client.
register('./resolve-js.mjs', import.meta.url)
globalThis.window ??= globalThis
// fetch-event-source is written for browsers: it reads `document` even when told not to.
globalThis.document ??= { hidden: false, addEventListener() {}, removeEventListener() {} }
const { createParser } = await import(pathToFileURL(fromCore.resolve('eventsource-parser')))
const { EventSource } = await import('eventsource')
const { fetchEventSource } = await import('@microsoft/fetch-event-source')
const { Inference } = await import('@inferencesh/sdk')
const core = await import(new URL('packages/core/dist/index.js', root).href)

const streamUrl = `${baseUrl}/tasks/${workload}/stream`
const headers = { Authorization: 'Bearer k', Accept: 'text/event-stream' }

const clients = {
  /** The floor: fetch, eventsource-parser, JSON.parse and a merge, by hand. */
  async 'fetch + eventsource-parser'() {
    let state = {}
    let done = false
    const parser = createParser({
      onEvent(message) {
        if (message.event === 'done') {
          done = true
          return
        }
        state = apply(state, message.event, JSON.parse(message.data))
        tick()
      },
    })
    const response = await fetch(streamUrl, { headers })
    const decoder = new TextDecoder()
    for await (const chunk of response.body) {
      parser.feed(decoder.decode(chunk, { stream: true }))
      if (done) break
    }
    return state
  },

  /** A naive EventSource-style loop: split the text on blank lines by hand. */
  async 'naive split loop'() {
    let state = {}
    let buffer = ''
    const response = await fetch(streamUrl, { headers })
    const decoder = new TextDecoder()
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true })
      const parts = buffer.split('\n\n')
      buffer = parts.pop() ?? ''
      for (const part of parts) {
        const lines = part.split('\n')
        const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message'
        const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6))
        if (event === 'done') return state
        state = apply(state, event, JSON.parse(data.join('\n')))
        tick()
      }
    }
    return state
  },

  /** The `eventsource` package (the EventSource API over fetch). */
  async eventsource() {
    let state = {}
    return new Promise((resolve, reject) => {
      const source = new EventSource(streamUrl, {
        fetch: (url, init) => fetch(url, { ...init, headers: { ...init.headers, ...headers } }),
      })
      const on = (event) => (message) => {
        state = apply(state, event, JSON.parse(message.data))
        tick()
      }
      source.addEventListener('update', on('update'))
      source.addEventListener('delta', on('delta'))
      source.addEventListener('done', () => {
        source.close()
        resolve(state)
      })
      source.onerror = (error) => {
        source.close()
        reject(error)
      }
    })
  },

  /** `@microsoft/fetch-event-source`. */
  async 'fetch-event-source'() {
    let state = {}
    const controller = new AbortController()
    await fetchEventSource(streamUrl, {
      headers,
      signal: controller.signal,
      openWhenHidden: true,
      onmessage(message) {
        if (message.event === 'done') {
          controller.abort()
          return
        }
        state = apply(state, message.event, JSON.parse(message.data))
        tick()
      },
      onclose() {},
      onerror(error) {
        throw error
      },
    }).catch((error) => {
      if (!controller.signal.aborted) throw error
    })
    return state
  },

  /** The official `@inferencesh/sdk`, over its NDJSON stream. */
  async '@inferencesh/sdk'() {
    const client = new Inference({ apiKey: 'k', baseUrl: `${baseUrl}/sdk` })
    let text = {}
    let last = null
    const watch = client.tasks.watch(
      { id: workload, status: 1 },
      {
        onUpdate: (task) => {
          last = task
          tick()
        },
        onPartialUpdate: (task) => {
          last = task
          tick()
        },
        onDelta: (delta) => {
          text = append(text, delta)
          tick()
        },
      },
    )
    const final = await watch.done
    return { ...(last ?? final), appended: text }
  },

  /** taskstream's client: `streamTask` merging every update, deltas included. */
  async 'taskstream client'() {
    const client = core.createClient({ baseUrl, apiKey: 'k' })
    return client.streamTask(workload, { onUpdate: tick }).result
  },

  /** taskstream's client over its NDJSON transport, the format the official SDK reads. */
  async 'taskstream client, NDJSON'() {
    const client = core.createClient({ baseUrl, apiKey: 'k', transport: 'ndjson' })
    return client.streamTask(workload, { onUpdate: tick }).result
  },

  /** taskstream's client plus the store's reducer: log lines, progress, events. */
  async 'taskstream client + reducer'() {
    const client = core.createClient({ baseUrl, apiKey: 'k' })
    let entry = core.createTaskEntry(workload)
    await client.streamTask(workload, {
      onUpdate: (task) => {
        entry = core.taskReducer(entry, { type: 'task-received', task, at: 0 })
        tick()
      },
    }).result
    return entry.state.task
  },
}

const run = clients[name]
if (run === undefined) throw new Error(`no client ${name}`)
if (mode === 'warm') await warm(run)

const cpu = process.cpuUsage()
const start = performance.now()
const state = await run()
const wallMs = performance.now() - start
const used = process.cpuUsage(cpu)

// Mean gap between events over the second tenth (early) and the last tenth (late).
const gap = (from, to) => {
  const a = Math.floor(count * from)
  const b = Math.min(count, Math.floor(count * to)) - 1
  return b > a ? ((times[b] - times[a]) / (b - a)) * 1000 : null
}
const output = state.output ?? state.appended?.output
console.log(
  JSON.stringify({
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    events: count,
    earlyUs: gap(0.1, 0.2),
    lateUs: gap(0.9, 1),
    textLength: typeof output?.text === 'string' ? output.text.length : 0,
    logsLength: typeof state.logs === 'string' ? state.logs.length : 0,
  }),
)
process.exit(0)

/** Replays each answer from memory after the first, then prints the median of the warm runs. */
async function warm(follow) {
  const warmUps = 3
  const warmRuns = 11
  const network = globalThis.fetch
  const recorded = new Map()
  globalThis.fetch = async (url, init) => {
    const key = `${url} ${new Headers(init?.headers).get('accept')}`
    const known = recorded.get(key)
    if (known !== undefined) return replay(known)
    const response = await network(url, init)
    const chunks = []
    for await (const chunk of response.body) chunks.push(chunk)
    const answer = { status: response.status, headers: [...response.headers], chunks }
    recorded.set(key, answer)
    return replay(answer)
  }

  const cpuMs = []
  for (let i = 0; i < warmUps + warmRuns; i += 1) {
    count = 0
    const before = process.cpuUsage()
    await follow()
    const used = process.cpuUsage(before)
    if (i >= warmUps) cpuMs.push((used.user + used.system) / 1000)
  }
  cpuMs.sort((a, b) => a - b)
  const median = cpuMs[Math.floor(cpuMs.length / 2)]
  console.log(JSON.stringify({ cpuMs: median, events: count, usPerEvent: (median * 1000) / count }))
  process.exit(0)
}

function replay({ status, headers, chunks }) {
  const body = new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk)
      controller.close()
    },
  })
  return new Response(body, { status, headers })
}
