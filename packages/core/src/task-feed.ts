import type { Task } from './types'

/** One iterator over a stream's tasks: the stream pushes, the `for await` loop pulls. */
export interface TaskFeed extends AsyncIterableIterator<Task> {
  /** Hands the next task to the loop, or queues it until the loop asks. */
  push(task: Task): void
  /** Ends the loop after what is queued; with an error, the loop throws it then. */
  end(error?: unknown): void
  /** Ends the loop at once, dropping what is queued. */
  stop(): void
}

type Ending = { error: unknown } | null

/** Creates a feed; `onReturn` runs when the loop leaves early (`break`, `return`, a throw). */
export function createTaskFeed(onReturn: () => void): TaskFeed {
  // Known limit: a loop that pulls slower than updates arrive makes this queue grow, one merged
  // task per update; `onUpdate` or the store suit slow consumers better.
  const queue: Task[] = []
  let ending: Ending = null
  let stopped = false
  let waiter: { resolve(result: IteratorResult<Task>): void; reject(error: unknown): void } | null =
    null

  const settle = (): void => {
    if (waiter === null) return
    const next = waiter
    const task = queue.shift()

    if (task !== undefined) next.resolve({ value: task, done: false })
    else if (stopped || (ending !== null && ending.error === undefined)) next.resolve(doneResult)
    else if (ending !== null) {
      // An iterator throws once; after that it is simply done.
      stopped = true
      next.reject(ending.error)
    } else return
    waiter = null
  }

  return {
    push(task) {
      if (ending !== null || stopped) return
      queue.push(task)
      settle()
    },
    end(error) {
      ending ??= { error }
      settle()
    },
    stop() {
      stopped = true
      queue.length = 0
      settle()
    },
    next() {
      return new Promise((resolve, reject) => {
        waiter = { resolve, reject }
        settle()
      })
    },
    async return() {
      if (!stopped) {
        this.stop()
        onReturn()
      }
      return doneResult
    },
    [Symbol.asyncIterator]() {
      return this
    },
  }
}

const doneResult: IteratorReturnResult<undefined> = { value: undefined, done: true }
