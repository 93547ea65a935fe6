/**
 * The transport benchmark: one loopback server streams each workload, byte for byte the same
 * to every client, and each client follows it in its own process. Prints a Markdown table.
 * Usage: node bench/transport/run.mjs [workload…]   (from the repository root: `pnpm bench`)
 */
import { execFile, execFileSync } from 'node:child_process'
import { createServer } from 'node:http'
import { cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { encode, workloads } from './workloads.mjs'

const run = promisify(execFile)
const here = fileURLToPath(new URL('.', import.meta.url))
const root = fileURLToPath(new URL('../../', import.meta.url))

const clients = [
  'fetch + eventsource-parser',
  'naive split loop',
  'eventsource',
  'fetch-event-source',
  '@inferencesh/sdk',
  'taskstream client',
  'taskstream client, NDJSON',
  'taskstream client + reducer',
]

// Writes the workload's events in order, waiting for the socket to drain: a real server's pace.
const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const match = /^(\/sdk)?\/tasks\/([^/]+)\/stream$/.exec(url.pathname)
  const workload = match === null ? undefined : workloads[match[2]]
  if (workload === undefined) {
    res.writeHead(404).end()
    return
  }
  const sdk = match?.[1] !== undefined
  const format = sdk ? 'sdk' : (req.headers.accept ?? '').includes('ndjson') ? 'ndjson' : 'sse'
  const type = format === 'sse' ? 'text/event-stream' : 'application/x-ndjson'
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache' })

  let id = 0
  let batch = ''
  for (const frame of workload.frames(match[2])) {
    id += 1
    batch += encode(format, frame, id)
    if (batch.length < 64 * 1024) continue
    if (!res.write(batch)) await new Promise((resolve) => res.once('drain', resolve))
    batch = ''
  }
  batch += encode(format, { event: 'done', data: {} }, id + 1)
  res.end(batch)
})

/** Runs one client process and reads the JSON line it ends with. */
async function runClient(args) {
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20, timeout: 600_000 })
  return JSON.parse(stdout.trim().split('\n').at(-1))
}

/**
 * Runs every client on one workload `rounds` times, taking turns within each round so a slow
 * moment of the machine falls on all of them alike. Returns, per client, each column's median
 * of its own values, or the error that stopped it.
 */
async function medians(clientArgs, rounds) {
  const results = clientArgs.map(() => [])
  const errors = clientArgs.map(() => null)
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, args] of clientArgs.entries()) {
      if (errors[index] !== null) continue
      try {
        results[index].push(await runClient(args))
      } catch (error) {
        errors[index] = error
      }
    }
  }
  return results.map((list, index) => errors[index] ?? middles(list))
}

/** Each column's median over a client's runs. */
function middles(results) {
  const middle = (key) => {
    const values = results.map((result) => result[key]).filter((value) => value !== null)
    values.sort((a, b) => a - b)
    return values.length === 0 ? null : values[Math.floor(values.length / 2)]
  }
  return Object.fromEntries(Object.keys(results[0]).map((key) => [key, middle(key)]))
}

const runs = Number(process.env.RUNS ?? 5)
const chosen = process.argv.slice(2)
const names = chosen.length > 0 ? chosen : Object.keys(workloads)

execFileSync('pnpm', ['--filter', '@taskstream/core', 'build'], { cwd: root, stdio: 'ignore' })
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const { port } = server.address()
const baseUrl = `http://127.0.0.1:${port}`

console.log(`# transport benchmark, ${new Date().toISOString().slice(0, 10)}`)
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`
// A run of a short workload lasts ~100 ms, where a busy moment weighs most: three times the runs.
const roundsOf = (workload) => (workload.replayable ? runs * 3 : runs)
console.log(`${machine}; each cell the median of ${runs * 3} runs (${runs} for the long ones)\n`)
const columns = ['wall ms', 'CPU ms', 'CPU × floor', 'peak RSS MB', 'events/s']
console.log(`| workload | client | ${columns.join(' | ')} | µs/event early | late |`)
console.log(`| --- | --- |${' ---: |'.repeat(columns.length + 2)}`)

for (const name of names) {
  const workload = workloads[name]
  const args = clients.map((client) => [
    `${here}client.mjs`,
    client,
    name,
    baseUrl,
    String(workload.events),
  ])
  const results = await medians(args, roundsOf(workload))
  const floor = results[0] instanceof Error ? null : results[0].cpuMs
  for (const [index, client] of clients.entries()) {
    const r = results[index]
    let cells
    if (r instanceof Error) cells = failed(r, columns.length + 2)
    else {
      const rate = Math.round((r.events / r.wallMs) * 1000)
      const us = (value) => (value === null ? '–' : value.toFixed(1))
      const times = floor === null ? '–' : (r.cpuMs / floor).toFixed(2)
      cells = [Math.round(r.wallMs), Math.round(r.cpuMs), times, Math.round(r.maxRssMb)]
      cells.push(rate, us(r.earlyUs), us(r.lateUs))
    }
    console.log(`| ${workload.label} | ${client} | ${cells.join(' | ')} |`)
  }
}

// The same clients again, warm, on bytes replayed from memory: their own work alone.
console.log('\nWarm, replayed from memory (median CPU of 11 runs after 3 warm-up runs):\n')
console.log('| workload | client | CPU ms | µs/event | × floor |')
console.log('| --- | --- | ---: | ---: | ---: |')
for (const name of names.filter((name) => workloads[name].replayable)) {
  const workload = workloads[name]
  let floor = null
  for (const client of clients) {
    const args = [`${here}client.mjs`, client, name, baseUrl, String(workload.events), 'warm']
    let cells
    try {
      const r = await runClient(args)
      floor ??= r.cpuMs
      cells = [r.cpuMs.toFixed(0), r.usPerEvent.toFixed(2), (r.cpuMs / floor).toFixed(2)]
    } catch (error) {
      cells = failed(error, 3)
    }
    console.log(`| ${workload.label} | ${client} | ${cells.join(' | ')} |`)
  }
}

/** The cells of a run that failed: its first error line, then empty cells. */
function failed(error, width) {
  const lines = String(error.stderr || error.message)
    .trim()
    .split('\n')
  const reason = lines.find((line) => /Error/.test(line)) ?? lines[0]
  return [`failed: ${reason.slice(0, 80)}`, ...Array(width - 1).fill('')]
}
server.close()
