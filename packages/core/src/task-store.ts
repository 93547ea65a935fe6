import { createStore, type StoreApi } from 'zustand/vanilla'
import type { TaskstreamClient } from './client'
import { type ConnectionBudget, createConnectionBudget } from './connection-budget'
import { StreamError, TaskCancelledError, TaskFailedError } from './errors'
import { isTerminal, parseStatus } from './status'
import { createTaskEntry, type TaskAction, type TaskEntry, taskReducer } from './task-reducer'
import type { TaskStream } from './task-stream'
import type { Task, TaskState } from './types'

/** Options for `createTaskStore`; all are optional. */
export interface TaskStoreOptions {
  /** The most log lines kept per task; older ones are dropped and counted (default 10,000). */
  lineCap?: number
  /** How long a connection outlives its last watcher, for a quick re-watch (default 100 ms). */
  graceMs?: number
  /**
   * Runs the flush of queued updates, so listeners hear at most once per flush (default: the
   * next animation frame in a browser, the next tick elsewhere).
   */
  schedule?: (flush: () => void) => void
  /** The most task streams open at once (default 4); unused when `budget` is given. */
  maxConnections?: number
  /**
   * The slots for streams, to share with stores whose clients reach the same origin (default:
   * the store's own budget of `maxConnections` slots).
   */
  budget?: ConnectionBudget
  /**
   * How often a task waiting for a stream slot is re-read, in ms (default 2,000; 0 only
   * waits). Needs a client with `getTask`.
   */
  pollMs?: number
  /** Finished tasks kept while nobody watches them, least recently used out first (default 200). */
  maxFinished?: number
}

/** The store's state: every task it knows, and the ways to follow them. */
export interface TaskStoreState {
  /** The live state of each task, by id. */
  tasks: Record<string, TaskState>
  /**
   * Follows a task live; returns the function that stops. Watchers share one connection per
   * task; a finished task is never reconnected.
   */
  watch(id: string): () => void
  /** Seeds a task's state from a task object, such as the one `run` created. */
  track(task: Task): void
  /** Closes a task's connection and forgets it. */
  remove(id: string): void
}

/** A zustand vanilla store of live tasks. */
export type TaskStore = StoreApi<TaskStoreState>

/** What the store needs of a client: streams, and single reads to poll while it waits. */
export type TaskStoreClient = Pick<TaskstreamClient, 'streamTask'> &
  Partial<Pick<TaskstreamClient, 'getTask'>>

type Timer = ReturnType<typeof setTimeout>

interface Watch {
  count: number
  stream: TaskStream | null
  /** The grace period after the last watcher left. */
  timer: Timer | null
  /** Gives back the stream slot, or leaves the queue for one; `null` when not following. */
  release: (() => void) | null
  /** Stops polling while the task waits for a slot. */
  stopPolling: (() => void) | null
}

/** Creates the store that keeps every watched task's live state, one connection per task. */
export function createTaskStore(
  client: TaskStoreClient,
  options: TaskStoreOptions = {},
): TaskStore {
  const { lineCap, graceMs = 100, schedule = nextFrame, pollMs = 2000 } = options
  const { maxFinished = 200 } = options
  const budget = options.budget ?? createConnectionBudget(options.maxConnections)
  const entries = new Map<string, TaskEntry>()
  const watches = new Map<string, Watch>()
  // Unwatched finished tasks, least recently used first (a Map keeps insertion order).
  // Known limit: a task left by its watchers before it finished is not evicted (its state may
  // be stale, and nothing tells when it ends); `remove` forgets it.
  const finished = new Map<string, true>()
  const pending: Array<{ id: string; action: TaskAction }> = []
  let scheduled = false

  const store = createStore<TaskStoreState>()(() => ({ tasks: {}, watch, track, remove }))

  // Updates queue up and are applied together, however fast they arrive.
  function dispatch(id: string, action: TaskAction): void {
    pending.push({ id, action })
    requestFlush()
  }

  function requestFlush(): void {
    if (scheduled) return
    scheduled = true
    schedule(flush)
  }

  function flush(): void {
    scheduled = false
    let tasks: Record<string, TaskState> | null = null
    const batch = pending.splice(0)
    const lastReceived = new Map<string, number>()
    batch.forEach(({ id, action }, index) => {
      if (action.type === 'task-received') lastReceived.set(id, index)
    })

    for (const [index, { id, action }] of batch.entries()) {
      const entry = entries.get(id)
      if (entry === undefined) continue
      // Each received task is the whole task so far: only the batch's last one needs its log
      // read; earlier ones still count for their status, so `events` misses no change.
      const superseded = action.type === 'task-received' && index < (lastReceived.get(id) ?? 0)
      const applied = superseded ? { ...action, task: { ...action.task, logs: null } } : action
      const next = taskReducer(entry, applied)
      if (next === entry) continue
      entries.set(id, next)
      tasks ??= { ...store.getState().tasks }
      tasks[id] = next.state
      if (!watches.has(id) && isTerminal(next.state.status)) touchFinished(id)
    }

    // Evict in the same notification as the updates.
    while (finished.size > maxFinished) {
      const [oldest] = finished.keys()
      if (oldest === undefined) break
      finished.delete(oldest)
      entries.delete(oldest)
      tasks ??= { ...store.getState().tasks }
      delete tasks[oldest]
    }
    if (tasks !== null) store.setState({ tasks })
  }

  function touchFinished(id: string): void {
    finished.delete(id)
    finished.set(id, true)
  }

  function ensureEntry(id: string): TaskEntry {
    const known = entries.get(id)
    if (known !== undefined) return known

    const entry = createTaskEntry(id, lineCap)
    entries.set(id, entry)
    store.setState({ tasks: { ...store.getState().tasks, [id]: entry.state } })
    return entry
  }

  function watch(id: string): () => void {
    flush()
    const { status } = ensureEntry(id).state
    const current = watches.get(id) ?? {
      count: 0,
      stream: null,
      timer: null,
      release: null,
      stopPolling: null,
    }
    watches.set(id, current)
    finished.delete(id)
    current.count += 1
    if (current.timer !== null) clearTimeout(current.timer)
    current.timer = null

    if (current.release === null && !isTerminal(status)) follow(id, current)

    let left = false
    return () => {
      if (left) return
      left = true
      leave(id, current)
    }
  }

  // Take a stream slot, or wait for one and poll meanwhile.
  function follow(id: string, owner: Watch): void {
    owner.release = budget.acquire(() => {
      owner.stopPolling?.()
      owner.stopPolling = null
      owner.stream = open(id, owner)
    })
    if (owner.stream === null) owner.stopPolling = poll(id, owner)
  }

  function giveBack(owner: Watch): void {
    owner.stopPolling?.()
    owner.stopPolling = null
    owner.release?.()
    owner.release = null
  }

  function open(id: string, owner: Watch): TaskStream {
    const stream = client.streamTask(id, {
      onUpdate: (task) => dispatch(id, { type: 'task-received', task, at: Date.now() }),
      onConnectionChange: (connection) =>
        dispatch(id, { type: 'connection-changed', connection, at: Date.now() }),
      onTransportChange: (transport) =>
        dispatch(id, { type: 'transport-changed', transport, at: Date.now() }),
      onError: (error) => dispatch(id, { type: 'event-skipped', error, at: Date.now() }),
    })

    const release = (): void => {
      if (owner.stream !== stream) return
      owner.stream = null
      giveBack(owner)
    }
    stream.result.then(release, (error: unknown) => {
      release()
      if (isExpected(error)) return
      const failure = error instanceof Error ? error : new Error(String(error))
      dispatch(id, { type: 'stream-failed', error: failure, at: Date.now() })
    })
    return stream
  }

  /** Re-reads a waiting task now and every `pollMs`; a finished one leaves the queue. */
  function poll(id: string, owner: Watch): (() => void) | null {
    const { getTask } = client
    if (pollMs <= 0 || getTask === undefined) return null
    let stopped = false
    let timer: Timer | undefined

    // Known limit: a failed read is tried again on the next beat and never reported; the
    // stream, once it has a slot, reports what is wrong.
    const again = (): void => {
      if (!stopped) timer = setTimeout(read, pollMs)
    }
    const read = (): void => {
      getTask(id).then((task) => {
        if (stopped) return
        dispatch(id, { type: 'task-received', task, at: Date.now() })
        if (isTerminal(parseStatus(task.status))) giveBack(owner)
        else again()
      }, again)
    }

    read()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }

  function leave(id: string, owner: Watch): void {
    if (watches.get(id) !== owner) return
    owner.count -= 1
    if (owner.count > 0) return

    // Wait a little: StrictMode (or a quick remount) watches again at once.
    owner.timer = setTimeout(() => {
      owner.timer = null
      if (owner.count > 0) return
      owner.stream?.close()
      owner.stream = null
      giveBack(owner)
      watches.delete(id)
      const entry = entries.get(id)
      if (entry !== undefined && isTerminal(entry.state.status)) {
        touchFinished(id)
        requestFlush()
      }
    }, graceMs)
  }

  function track(task: Task): void {
    ensureEntry(task.id)
    dispatch(task.id, { type: 'task-received', task, at: Date.now() })
    flush()
  }

  function remove(id: string): void {
    flush()
    const owner = watches.get(id)
    if (owner !== undefined) {
      if (owner.timer !== null) clearTimeout(owner.timer)
      owner.stream?.close()
      owner.stream = null
      giveBack(owner)
      watches.delete(id)
    }
    entries.delete(id)
    finished.delete(id)

    const { [id]: _removed, ...tasks } = store.getState().tasks
    store.setState({ tasks })
  }

  return store
}

/** A task that failed or was cancelled says so in its status; a closed stream was ours. */
function isExpected(error: unknown): boolean {
  if (error instanceof TaskFailedError || error instanceof TaskCancelledError) return true
  return error instanceof StreamError && error.kind === 'closed'
}

/**
 * The next animation frame in a browser, the next tick anywhere else. Browsers pause frames in
 * hidden tabs, so a hidden tab's store catches up in one flush when it is shown again.
 */
function nextFrame(flush: () => void): void {
  if (typeof globalThis.requestAnimationFrame === 'function') {
    globalThis.requestAnimationFrame(() => flush())
  } else {
    setTimeout(flush, 0)
  }
}
