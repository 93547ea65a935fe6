// Store notifications and React commits per second: taskstream's store and hooks against a
// naive useState-per-update hook and TanStack Query's streamedQuery, fed the same task stream.
// Run with `pnpm bench` (or `node bench/store/run.mjs`) from the repository root.
import { fileURLToPath } from 'node:url'
import { JSDOM } from 'jsdom'
import { createServer } from 'vite'

// A visual DOM, so requestAnimationFrame runs at display rate as in a browser tab.
const dom = new JSDOM('<!doctype html><body></body>', { pretendToBeVisual: true })
for (const name of ['window', 'document', 'navigator', 'HTMLElement', 'Node', 'Event']) {
  Object.defineProperty(globalThis, name, { value: dom.window[name], configurable: true })
}
globalThis.requestAnimationFrame = (callback) => dom.window.requestAnimationFrame(callback)
globalThis.cancelAnimationFrame = (handle) => dom.window.cancelAnimationFrame(handle)

const root = fileURLToPath(new URL('../..', import.meta.url))
const vite = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false },
})

const { contenders, measure } = await vite.ssrLoadModule('/bench/store/measure.ts')

const scenarios = [
  { name: '10,000 updates at 5,000/s', plan: { updates: 10_000, perSecond: 5000 } },
  { name: '10,000 updates, flood', plan: { updates: 10_000, perSecond: 0 } },
]

const rows = []
for (const { name, plan } of scenarios) {
  // One warm-up per contender, then the measured run.
  for (const contender of contenders) await measure(contender, name, { ...plan, updates: 500 })
  for (const contender of contenders) rows.push(await measure(contender, name, plan))
}

const perSecond = (count, ms) => Math.round((count / ms) * 1000).toLocaleString('en-US')
console.log(
  '| scenario | contender | wall ms | CPU ms | notifications | notifications/s | commits | commits/s |',
)
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const row of rows) {
  console.log(
    `| ${row.scenario} | ${row.contender} | ${Math.round(row.wallMs)} | ${Math.round(row.cpuMs)} | ` +
      `${row.notifications} | ${perSecond(row.notifications, row.wallMs)} | ${row.commits} | ` +
      `${perSecond(row.commits, row.wallMs)} |`,
  )
}

await vite.close()
dom.window.close()
// The QueryClients' garbage-collection timers (five minutes) would keep Node waiting.
process.exit(0)
