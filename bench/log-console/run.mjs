#!/usr/bin/env node
// LogConsole against @melloware/react-logviewer in Chromium: the same lines at the same rate,
// p95 frame time and mounted rows. `LINES=20000 node bench/log-console/run.mjs` for a quick run.
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { chromium } from 'playwright-core'
import { build, preview } from 'vite'
import chromiumOptions from '../../e2e/chromium.json' with { type: 'json' }

const root = dirname(fileURLToPath(import.meta.url))
const lines = Number(process.env.LINES ?? 200_000)
const rate = Number(process.env.RATE ?? 5_000)
const viewers = ['taskstream', 'logviewer']

// A production build served as static files: React's own checks off, no reloads mid-run.
const outDir = join(tmpdir(), 'taskstream-bench-log-console')
const config = { root, configFile: false, logLevel: 'error', plugins: [react()] }
await build({ ...config, build: { outDir, emptyOutDir: true } })
const server = await preview({
  ...config,
  build: { outDir },
  preview: { port: 0, host: '127.0.0.1' },
})
const address = server.httpServer.address()
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

const browser = await chromium.launch({
  ...chromiumOptions,
  executablePath: process.env.CHROMIUM_PATH ?? chromiumOptions.executablePath,
})

const results = []
try {
  for (const viewer of viewers) {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } })
    await page.goto(`${base}/?viewer=${viewer}&lines=${lines}&rate=${rate}`)
    // A viewer that falls far behind the feed is stopped and reported with what it reached.
    const deadline = Date.now() + (lines / rate) * 1000 * 3 + 30_000
    let result
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 2000))
      result = await page.evaluate(() => window.benchResult)
      if (result || Date.now() > deadline) break
    }
    result ??= { ...(await page.evaluate(() => window.benchSnapshot())), stalled: true }
    console.error(`${viewer}: ${result.lines} lines in ${result.seconds.toFixed(1)} s`)
    results.push(result)
    await page.close()
  }
} finally {
  await browser.close()
  await server.close()
}

const name = {
  taskstream: '@taskstream/components LogConsole',
  logviewer: '@melloware/react-logviewer LazyLog',
}
console.log(
  `\n${lines.toLocaleString('en')} lines at ${rate.toLocaleString('en')} lines/s, Chromium\n`,
)
const columns = ['viewer', 'lines shown', 'p50 frame', 'p95 frame', 'max frame']
columns.push('frames > 50 ms', 'mounted rows (max)', 'DOM nodes at end', 'took')
console.log(`| ${columns.join(' | ')} |`)
console.log(`|${' --- |'.repeat(columns.length)}`)
for (const r of results) {
  const ms = (value) => `${value.toFixed(1)} ms`
  const shown = `${r.lines.toLocaleString('en')}${r.stalled ? ' (stopped: fell behind)' : ''}`
  const cells = [name[r.viewer], shown, ms(r.p50), ms(r.p95), ms(r.max), r.longFrames]
  cells.push(r.mountedRows, r.domNodes, `${r.seconds.toFixed(1)} s`)
  console.log(`| ${cells.join(' | ')} |`)
}
