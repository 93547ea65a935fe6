/** A cap on the streams open at once to one origin, shared by every task that follows it. */
export interface ConnectionBudget {
  /** The most streams open at once. */
  readonly limit: number
  /** How many slots are taken now. */
  readonly open: number
  /** How many tasks wait for a slot now. */
  readonly waiting: number
  /**
   * Asks for a slot: `start` runs at once when one is free, else when one frees, first come
   * first served. Returns the function that gives the slot back, or leaves the queue.
   */
  acquire(start: () => void): () => void
}

/**
 * Creates a budget of `slots` slots (default 4: browsers open at most six connections per
 * origin over HTTP/1.1, and the page needs a few for its other requests).
 */
export function createConnectionBudget(slots = 4): ConnectionBudget {
  // At least one slot, or no task would ever be followed.
  const limit = Math.max(1, Math.floor(slots) || 1)
  const queue: Array<() => void> = []
  let open = 0

  const grantNext = (): void => {
    while (open < limit) {
      const start = queue.shift()
      if (start === undefined) return
      open += 1
      start()
    }
  }

  return {
    limit,
    get open() {
      return open
    },
    get waiting() {
      return queue.length
    },
    acquire(start) {
      let state: 'waiting' | 'holding' | 'done' = 'waiting'
      const begin = (): void => {
        state = 'holding'
        start()
      }
      queue.push(begin)
      grantNext()

      return () => {
        const was = state
        state = 'done'
        if (was === 'waiting') queue.splice(queue.indexOf(begin), 1)
        if (was !== 'holding') return
        open -= 1
        grantNext()
      }
    },
  }
}
