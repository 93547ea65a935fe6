import type { LogLine, Progress, Task } from './types'

// `45%|████ | 9/20 [00:03<00:04, 2.50it/s]`, with an optional description before it.
const tqdmBar =
  /(\d{1,3}(?:\.\d+)?)%\|[^|]*\|\s*([\d.]+[kMGT]?)\/([\d.]+[kMGT]?)(?:\s*\[([^\]]*)\])?/
// ANSI escape sequences (CSI, such as SGR colours); tqdm may colour its bar.
// biome-ignore lint/suspicious/noControlCharactersInRegex: every ANSI sequence starts with ESC.
const ansi = /\u001b\[[0-?]*[ -/]*[@-~]/g
const scale: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12 }

/**
 * Reads how far a task has got: its own `progress` field when it has one, else the last
 * tqdm-style line of its log, else `null` (unknown: never invented).
 */
export function readProgress(task: Task | null, lines: LogLine[]): Progress | null {
  return progressFromTask(task?.progress) ?? lastLogProgress(lines, 0)
}

/** Reads a task's `progress` field: a percent (0–100) or `{percent?, current?, total?}`. */
export function progressFromTask(value: Task['progress']): Progress | null {
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? { percent: clamp(value), current: null, total: null, eta: null }
      : null
  }
  if (typeof value !== 'object' || value === null) return null

  const current = finite(value.current)
  const total = finite(value.total)
  const percent = finite(value.percent) ?? fraction(current, total)
  if (percent === null) return null
  return { percent: clamp(percent), current, total, eta: null }
}

/** The progress of the last tqdm-style line at index `from` or later, scanning from the end. */
export function lastLogProgress(lines: LogLine[], from: number): Progress | null {
  for (let index = lines.length - 1; index >= Math.max(0, from); index -= 1) {
    const line = lines[index]
    const progress = line === undefined ? null : parseTqdm(line.text)
    if (progress !== null) return progress
  }
  return null
}

/** Reads one tqdm progress bar, such as `45%|████ | 9/20 [00:03<00:04, 2.50it/s]`. */
export function parseTqdm(line: string): Progress | null {
  const match = tqdmBar.exec(line.replace(ansi, ''))
  if (match === null) return null

  const [, percent = '', current = '', total = '', times = ''] = match
  const [clocks = '', speed = ''] = times.split(',')
  const remaining = clocks.split('<')[1]
  const progress: Progress = {
    percent: clamp(Number(percent)),
    current: readCount(current),
    total: readCount(total),
    eta: remaining === undefined ? null : readClock(remaining.trim()),
  }
  const rate = readRate(speed.trim())
  if (rate !== null) progress.rate = rate
  return progress
}

/** Reads tqdm's speed, `2.50it/s`, `1.2kB/s` or the slow form `3.10s/it`, in items per second. */
function readRate(text: string): number | null {
  const perSecond = /^([\d.]+[kMGT]?)[A-Za-z]*\/s$/.exec(text)
  if (perSecond !== null) return readCount(perSecond[1] ?? '')

  const perItem = /^([\d.]+)s\/[A-Za-z]+$/.exec(text)
  const seconds = perItem === null ? null : readCount(perItem[1] ?? '')
  return seconds === null || seconds <= 0 ? null : 1 / seconds
}

function readCount(text: string): number | null {
  const unit = scale[text.slice(-1)]
  const value = Number(unit === undefined ? text : text.slice(0, -1))
  if (!Number.isFinite(value)) return null
  return unit === undefined ? value : value * unit
}

/** Reads tqdm's clock, `MM:SS` or `H:MM:SS`, into seconds; `?` reads as unknown. */
function readClock(text: string): number | null {
  if (!/^\d+(?::\d{1,2}){1,2}$/.test(text)) return null
  return text.split(':').reduce((seconds, part) => seconds * 60 + Number(part), 0)
}

function fraction(current: number | null, total: number | null): number | null {
  if (current === null || total === null || total <= 0) return null
  return (current / total) * 100
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

function clamp(percent: number): number {
  return Math.min(100, Math.max(0, percent))
}
