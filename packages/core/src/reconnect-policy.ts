/** How a stream reconnects when it ends before its task does. */
export interface ReconnectOptions {
  /** Reconnects in a row, without a new event in between, before giving up (default 5). */
  maxRetries?: number
  /** The first wait before reconnecting (default 500 ms); doubles on each try in a row. */
  initialDelayMs?: number
  /** The longest wait between reconnects, unless the server asks for more (default 5000 ms). */
  maxDelayMs?: number
  /** How much of each wait is random, from 0 to 1, so dropped clients spread out (default 0.5). */
  jitter?: number
  /** A connection silent this long (no answer, event or heartbeat) is replaced (default 45000). */
  heartbeatTimeoutMs?: number
}

/**
 * The wait before reconnect number `attempt` (1 for the first), given the shortest wait the
 * server asked for (its `retry:` or a `Retry-After`), or `null` when it asked for none.
 * Returns `null` to give up.
 */
export type ReconnectPolicy = (attempt: number, serverDelayMs: number | null) => number | null

/**
 * Bounded retries, each wait double the last up to `maxDelayMs`, part of it random; what the
 * server asked for is a floor the jitter never goes under. `random` (default `Math.random`)
 * draws the jitter.
 */
export function createReconnectPolicy(
  options: ReconnectOptions = {},
  random: () => number = Math.random,
): ReconnectPolicy {
  const { maxRetries = 5, initialDelayMs = 500, maxDelayMs = 5000 } = options
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5))

  return (attempt, serverDelayMs) => {
    if (attempt > maxRetries) return null
    const backoff = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1))
    const spread = backoff * (1 - jitter * random())
    return Math.max(serverDelayMs ?? 0, Math.round(spread))
  }
}
