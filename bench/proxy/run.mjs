// Proxy overhead on loopback: taskstream's createProxyHandler (through toNodeListener) against
// the official SDK's Express proxy, http-proxy-middleware on Express, and no proxy at all, in
// front of one upstream that answers tasks and SSE streams as fast as it can.
// Run with `pnpm bench` (or `node bench/proxy/run.mjs`) from the repository root.
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import express from 'express'
import { createProxyMiddleware } from 'http-proxy-middleware'
import { createServer as createVite } from 'vite'

const key = 'bench-key'
const root = fileURLToPath(new URL('../..', import.meta.url))

// Vite loads the TypeScript sources, and the SDK's proxy, whose imports only a bundler resolves.
const vite = await createVite({
  root,
  configFile: false,
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false },
  ssr: { noExternal: ['@inferencesh/sdk'] },
})
const { createProxyHandler, toNodeListener } = await vite.ssrLoadModule(
  '/packages/server/src/index.ts',
)
const sdkProxy = await vite.ssrLoadModule('@inferencesh/sdk/proxy/express')

// The upstream: a task as JSON, a stream of `events` SSE updates, and a stream that sends one
// event, waits 300 ms, then ends (to see whether a proxy holds the first event back).
const line = 'x'.repeat(80)
const upstream = createServer((req, res) => {
  if (req.headers.authorization !== `Bearer ${key}`) {
    res.writeHead(401).end()
    return
  }
  const url = new URL(req.url, 'http://upstream')
  if (url.pathname === '/tasks/t') {
    const task = { id: 't', status: 7, logs: line, output: null, input: { prompt: line } }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(task))
    return
  }
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
  if (url.pathname === '/tasks/slow/stream') {
    res.write('id: 1\nevent: update\ndata: {"id":"slow","status":7}\n\n')
    setTimeout(() => res.end('event: done\ndata: {}\n\n'), 300)
    return
  }
  const total = Number(url.searchParams.get('events') ?? 1000)
  let sent = 0
  const pump = () => {
    while (sent < total) {
      sent += 1
      const data = `{"data":{"logs":"${line} ${sent}"},"fields":["logs"]}`
      if (!res.write(`id: ${sent}\nevent: update\ndata: ${data}\n\n`)) {
        res.once('drain', pump)
        return
      }
    }
    res.end('event: done\ndata: {}\n\n')
  }
  pump()
})

const listen = (server) =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)))
const upstreamUrl = `http://127.0.0.1:${await listen(upstream)}`

// The contenders, each answering `(path) => { url, headers }` for a call to the API's `path`.
const ours = createServer(
  toNodeListener(createProxyHandler({ apiKey: key, target: upstreamUrl, allow: [/^GET /] })),
)
const sdkApp = express()
sdkApp.use(express.json())
sdkApp.all(
  '/api/inference/proxy',
  sdkProxy.createHandler({ apiKey: key, allowedDomains: [/^127\.0\.0\.1(:\d+)?$/] }),
)
const hpmApp = express()
hpmApp.use(
  '/api',
  createProxyMiddleware({
    target: upstreamUrl,
    changeOrigin: true,
    headers: { Authorization: `Bearer ${key}` },
  }),
)

const contenders = [
  { name: 'no proxy (direct)', to: (path) => ({ url: `${upstreamUrl}${path}`, auth: true }) },
  { name: 'taskstream createProxyHandler', port: await listen(ours), to: null },
  { name: '@inferencesh/sdk proxy (Express)', port: await listen(createServer(sdkApp)) },
  { name: 'http-proxy-middleware (Express)', port: await listen(createServer(hpmApp)) },
]
contenders[1].to = (path) => ({ url: `http://127.0.0.1:${contenders[1].port}${path}` })
contenders[2].to = (path) => ({
  url: `http://127.0.0.1:${contenders[2].port}/api/inference/proxy`,
  target: `${upstreamUrl}${path}`,
})
contenders[3].to = (path) => ({ url: `http://127.0.0.1:${contenders[3].port}/api${path}` })

function call(contender, path) {
  const { url, auth, target } = contender.to(path)
  const headers = { Accept: path.includes('/stream') ? 'text/event-stream' : 'application/json' }
  if (auth) headers.Authorization = `Bearer ${key}`
  if (target) headers['x-inf-target-url'] = target
  return fetch(url, { headers })
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]

/** Sequential GET /tasks/t: the latency each proxy adds to a plain request. */
async function latency(contender, count) {
  const times = []
  for (let i = 0; i < count; i += 1) {
    const start = performance.now()
    const response = await call(contender, '/tasks/t')
    await response.arrayBuffer()
    if (response.status !== 200) throw new Error(`${contender.name}: ${response.status}`)
    times.push(performance.now() - start)
  }
  return times
}

/** One long stream read to its end: bytes and events per second. */
async function throughput(contender, events) {
  const start = performance.now()
  const response = await call(contender, `/tasks/t/stream?events=${events}`)
  let bytes = 0
  for await (const chunk of response.body) bytes += chunk.byteLength
  return { ms: performance.now() - start, bytes }
}

/** Time until the first event of the slow stream is readable, and whether it beat the end. */
async function firstEvent(contender) {
  const start = performance.now()
  const response = await call(contender, '/tasks/slow/stream')
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  while (!text.includes('event: update')) {
    const { value, done } = await reader.read()
    if (done) break
    text += decoder.decode(value, { stream: true })
  }
  const ms = performance.now() - start
  const ended = text.includes('event: done')
  await reader.cancel()
  return { ms, ended }
}

const rows = []
for (const contender of contenders) {
  await latency(contender, 200)
  await throughput(contender, 2000)

  const times = await latency(contender, 2000)
  const runs = []
  for (let i = 0; i < 3; i += 1) runs.push(await throughput(contender, 50_000))
  const stream = runs.sort((a, b) => a.ms - b.ms)[1]
  const firsts = []
  for (let i = 0; i < 10; i += 1) firsts.push(await firstEvent(contender))

  rows.push({
    name: contender.name,
    p50: median(times).toFixed(2),
    p99: percentile(times, 0.99).toFixed(2),
    streamMs: Math.round(stream.ms),
    mbPerSecond: (stream.bytes / 1e6 / (stream.ms / 1000)).toFixed(1),
    eventsPerSecond: Math.round(50_000 / (stream.ms / 1000)).toLocaleString('en-US'),
    firstMs: median(firsts.map((first) => first.ms)).toFixed(1),
    held: firsts.filter((first) => first.ended).length,
  })
}

console.log('\nProxy overhead, loopback (2,000 GETs; a 50,000-event SSE stream, median of 3;')
console.log('first event of a stream whose end comes 300 ms later, median of 10)\n')
const columns = ['contender', 'GET p50 ms', 'GET p99 ms', '50k events ms', 'MB/s', 'events/s']
columns.push('first event ms', 'held back (of 10)')
console.log(`| ${columns.join(' | ')} |`)
console.log(`|${' --- |'.repeat(columns.length)}`)
for (const row of rows) {
  const cells = [row.name, row.p50, row.p99, row.streamMs, row.mbPerSecond, row.eventsPerSecond]
  cells.push(row.firstMs, row.held)
  console.log(`| ${cells.join(' | ')} |`)
}

await vite.close()
process.exit(0)
