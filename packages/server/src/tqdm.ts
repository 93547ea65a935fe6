const partials = ' ▏▎▍▌▋▊▉'

/**
 * Formats one progress-bar line the way Python's tqdm does, such as
 * ` 45%|████▌     | 9/20 [00:03<00:04, 2.50it/s]`. Times are in seconds.
 */
export function formatTqdm(current: number, total: number, elapsed: number, width = 10): string {
  const fraction = total > 0 ? Math.min(1, current / total) : 0
  const percent = `${Math.floor(fraction * 100)}`.padStart(3)

  const eighths = Math.floor(fraction * width * 8)
  const full = Math.floor(eighths / 8)
  const part = full < width ? (partials[eighths % 8] ?? ' ').trim() : ''
  const bar = `${'█'.repeat(full)}${part}`.padEnd(width)

  const rate = elapsed > 0 ? current / elapsed : 0
  const remaining = rate > 0 ? formatClock((total - current) / rate) : '?'
  const rateText = rate > 0 ? `${rate.toFixed(2)}it/s` : '?it/s'
  const times = `[${formatClock(elapsed)}<${remaining}, ${rateText}]`
  return `${percent}%|${bar}| ${current}/${total} ${times}`
}

function formatClock(seconds: number): string {
  const whole = Math.round(seconds)
  const minutes = Math.floor(whole / 60)
  return `${String(minutes).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`
}
