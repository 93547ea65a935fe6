const said = new Set<string>()

/**
 * Warns once per `key`, in development only (not when `NODE_ENV` is `'production'`), tagged
 * `[@taskstream/core]`. Core reports failures through `onError` and state; this only helps
 * someone reading the console while building.
 */
export function warnOnce(key: string, message: string): void {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
  if (env?.env?.NODE_ENV === 'production' || said.has(key)) return
  said.add(key)
  console.warn(`[@taskstream/core] ${message}`)
}
