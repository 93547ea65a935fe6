// One log viewer, named in `?viewer=`, fed `?lines=` lines at `?rate=` lines per second while
// every animation frame is timed; the result lands on `window.benchResult`.
import { LazyLog } from '@melloware/react-logviewer'
import { LogConsole } from '@taskstream/components'
import '@taskstream/components/styles.css'
import { useEffect, useRef, useState } from 'react'
import { createRoot } from 'react-dom/client'

const params = new URLSearchParams(location.search)
const viewer = params.get('viewer') ?? 'taskstream'
const total = Number(params.get('lines') ?? 200_000)
const rate = Number(params.get('rate') ?? 5_000)
const tick = 50
const perTick = Math.max(1, Math.round((rate * tick) / 1000))
const esc = '\u001b'

/** A line as a training run prints it: coloured level, step, a few numbers. */
function line(index: number): string {
  const level = index % 50 === 0 ? `${esc}[33mWARN${esc}[0m` : `${esc}[32mINFO${esc}[0m`
  const loss = (2 / Math.log(index + 3)).toFixed(4)
  return `${level} step ${index} loss=${loss} lr=3e-4 ${esc}[2m(${index % 997} it/s)${esc}[0m`
}

interface Feed {
  /** Receives each batch of new lines. */
  onLines: (batch: string[], from: number) => void
}

/** Feeds lines on a timer, times every frame meanwhile, and reports when done. */
function runFeed({ onLines }: Feed, countRows: () => number) {
  const frames: number[] = []
  let rows = 0
  let sent = 0
  let last = performance.now()
  let running = true

  const frame = (now: number) => {
    frames.push(now - last)
    last = now
    rows = Math.max(rows, countRows())
    if (running) requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)

  const started = performance.now()

  /** The figures so far; the runner also reads them from a viewer that falls behind. */
  const snapshot = () => {
    const sorted = frames.slice(1).sort((a, b) => a - b)
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
    return {
      viewer,
      lines: sent,
      seconds: (performance.now() - started) / 1000,
      frames: sorted.length,
      p50: at(0.5),
      p95: at(0.95),
      max: sorted.at(-1),
      longFrames: sorted.filter((ms) => ms > 50).length,
      mountedRows: rows,
      domNodes: document.getElementById('root')?.getElementsByTagName('*').length,
    }
  }
  Object.assign(window, { benchSnapshot: snapshot })
  const timer = setInterval(() => {
    const count = Math.min(perTick, total - sent)
    onLines(
      Array.from({ length: count }, (_, i) => line(sent + i)),
      sent,
    )
    sent += count
    Object.assign(window, { benchSent: sent })
    if (sent < total) return

    clearInterval(timer)
    // Two more frames so the last batch is painted and counted.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        running = false
        Object.assign(window, { benchResult: snapshot() })
      }),
    )
  }, tick)
}

function Taskstream() {
  const [lines, setLines] = useState<{ id: number; text: string }[]>([])

  useEffect(() => {
    runFeed(
      {
        onLines: (batch, from) =>
          setLines((all) => all.concat(batch.map((text, i) => ({ id: from + i, text })))),
      },
      () => document.querySelectorAll('.ts-log-line').length,
    )
  }, [])

  return (
    <LogConsole lines={lines} style={{ height: 600, ['--ts-log-height' as string]: '560px' }} />
  )
}

function LogViewer() {
  const log = useRef<LazyLog>(null)

  useEffect(() => {
    runFeed(
      { onLines: (batch) => log.current?.appendLines(batch) },
      () => document.querySelectorAll('.log-line').length,
    )
  }, [])

  return (
    <div style={{ height: 600 }}>
      <LazyLog ref={log} external follow enableSearch height={600} text="" />
    </div>
  )
}

const root = document.getElementById('root')
if (root) createRoot(root).render(viewer === 'logviewer' ? <LogViewer /> : <Taskstream />)
