import type { Task } from '@taskstream/core'

/** How a feed sends its updates: how many, and how fast (`0` for as fast as it can). */
export interface FeedPlan {
  updates: number
  perSecond: number
}

/** One synthetic task stream, fanned out alike to a listener and to async iterators. */
export interface Feed {
  subscribe(listener: (task: Task) => void): () => void
  iterate(): AsyncIterable<Task>
  /** Sends every update, then ends; resolves once the last one is sent. */
  start(): Promise<void>
}

/** A task that logs one token a line, `RUNNING` until its last update, which COMPLETES it. */
export function createFeed(id: string, plan: FeedPlan): Feed {
  const listeners = new Set<(task: Task | null) => void>()
  let logs = ''
  let sent = 0

  const send = (): void => {
    sent += 1
    logs += `token ${sent}\n`
    const status = sent === plan.updates ? 10 : 7
    const task: Task = { id, app: 'bench/tokens', status, logs }
    for (const listener of listeners) listener(task)
  }

  return {
    subscribe(listener) {
      const forward = (task: Task | null): void => {
        if (task !== null) listener(task)
      }
      listeners.add(forward)
      return () => listeners.delete(forward)
    },
    iterate() {
      return {
        [Symbol.asyncIterator]() {
          const queue: Array<Task | null> = []
          let wake: (() => void) | null = null
          listeners.add((task) => {
            queue.push(task)
            wake?.()
          })
          return {
            async next(): Promise<IteratorResult<Task>> {
              while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve))
              const task = queue.shift() ?? null
              return task === null ? { done: true, value: undefined } : { done: false, value: task }
            },
          }
        },
      }
    },
    start() {
      const began = performance.now()
      return new Promise((resolve) => {
        const tick = (): void => {
          const due =
            plan.perSecond === 0
              ? sent + 200
              : Math.floor(((performance.now() - began) / 1000) * plan.perSecond)
          while (sent < Math.min(due, plan.updates)) send()
          if (sent < plan.updates) {
            setTimeout(tick, plan.perSecond === 0 ? 0 : 1)
            return
          }
          for (const listener of listeners) listener(null)
          resolve()
        }
        setTimeout(tick, 0)
      })
    },
  }
}
