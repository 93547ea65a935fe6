const warned = new Set<string>()

function isDevelopment(): boolean {
  // Bundlers replace `process.env.NODE_ENV`; a page without one has no `process` at all.
  try {
    return process.env.NODE_ENV !== 'production'
  } catch {
    return false
  }
}

/** Warns once per `key`, in development only, tagged with the package name. */
export function warnOnce(key: string, message: string): void {
  if (!isDevelopment() || warned.has(key)) return
  warned.add(key)
  console.warn(`[@taskstream/components] ${message}`)
}
