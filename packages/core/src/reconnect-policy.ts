/** How a stream reconnects when it ends before its task does. */
export interface ReconnectOptions {
  /** Reconnects in a row, without a message in between, before giving up (default 5). */
  maxRetries?: number
  /** The first wait before reconnecting when the server set no `retry:` (default 500 ms). */
  initialDelayMs?: number
  /** The longest wait between reconnects (default 5000 ms). */
  maxDelayMs?: number
}

/**
 * The wait before reconnect number `attempt` (1 for the first), given the server's `retry:`
 * delay if it sent one; `null` gives up. The stream only asks this, so a richer policy (jitter,
 * `Retry-After`, falling back to another transport) can replace it without touching the stream.
 */
export type ReconnectPolicy = (attempt: number, serverDelayMs: number | null) => number | null

/** Bounded retries, each wait double the last (starting at the server's delay), capped. */
export function createReconnectPolicy(options: ReconnectOptions = {}): ReconnectPolicy {
  const { maxRetries = 5, initialDelayMs = 500, maxDelayMs = 5000 } = options

  // Known limit: no jitter and no `Retry-After`; many clients dropped at once retry in step.
  return (attempt, serverDelayMs) => {
    if (attempt > maxRetries) return null
    const first = serverDelayMs ?? initialDelayMs
    return Math.min(maxDelayMs, first * 2 ** (attempt - 1))
  }
}
