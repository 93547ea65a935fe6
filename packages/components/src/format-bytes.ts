const units = ['B', 'KB', 'MB', 'GB', 'TB']

/** A byte count as people read it: `'512 B'`, `'1.5 MB'`. */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit += 1
  }

  const digits = unit === 0 || value >= 10 ? 0 : 1
  return `${value.toFixed(digits)} ${units[unit]}`
}
