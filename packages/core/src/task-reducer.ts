import { TaskFailedError } from './errors'
import { createLogLines, type LogLines, updateLogLines } from './log-lines'
import { type LogProgress, logProgressAfter } from './log-progress'
import { logsAddedTo } from './merge-task'
import { progressFromTask } from './progress'
import { parseStatus, statusName, TaskStatus } from './status'
import type { ConnectionState, Progress, Task, TaskState, TransportName } from './types'

/** What the reducer keeps for one task: its public state and how far its log was read. */
export interface TaskEntry {
  /** What subscribers see. */
  state: TaskState
  /** The log read so far, to read only what each snapshot adds. */
  log: LogLines
  /** The progress of the newest tqdm-style line of the log, kept while newer lines carry none. */
  logProgress: LogProgress | null
}

/** Something that happened to a task; `at` is when, in epoch milliseconds. */
export type TaskAction =
  /** A merged task arrived (from the stream, a re-read, or `track`). */
  | { type: 'task-received'; task: Task; at: number }
  /** The task's connection opened, dropped, reconnected or closed. */
  | { type: 'connection-changed'; connection: ConnectionState; at: number }
  /** The stream fell back to another transport (say, from SSE past a buffering proxy). */
  | { type: 'transport-changed'; transport: TransportName; at: number }
  /** One event was bad and skipped; the stream goes on and later updates clear the error. */
  | { type: 'event-skipped'; error: Error; at: number }
  /** Following the task failed for good (not the task failing: that is a status). */
  | { type: 'stream-failed'; error: Error; at: number }

/** An entry for a task nothing is known about yet; its log keeps at most `lineCap` lines. */
export function createTaskEntry(id: string, lineCap?: number): TaskEntry {
  const state: TaskState = {
    id,
    status: TaskStatus.UNKNOWN,
    statusName: 'UNKNOWN',
    task: null,
    logs: [],
    droppedLines: 0,
    output: null,
    error: null,
    progress: null,
    connection: 'idle',
    events: [],
    updatedAt: 0,
  }
  return { state, log: createLogLines(lineCap), logProgress: null }
}

/** Applies one action to a task's entry; pure, and returns the same entry when nothing changes. */
export function taskReducer(entry: TaskEntry, action: TaskAction): TaskEntry {
  switch (action.type) {
    case 'task-received':
      return receive(entry, action.task, action.at)
    case 'connection-changed':
      if (entry.state.connection === action.connection) return entry
      return patch(entry, { connection: action.connection })
    case 'transport-changed':
      if (entry.state.transport === action.transport) return entry
      return patch(entry, { transport: action.transport })
    case 'event-skipped':
      return patch(entry, { error: action.error, updatedAt: action.at })
    case 'stream-failed':
      return patch(entry, { error: action.error, connection: 'closed', updatedAt: action.at })
    default:
      return unreachable(action)
  }
}

function receive(entry: TaskEntry, task: Task, at: number): TaskEntry {
  const previous = entry.state
  const status = readStatus(task.status)

  // Logs: read only what the snapshot added; progress from the lines that changed.
  const added = logsAddedTo(task, entry.log.seen)
  const { log, firstChanged } = updateLogLines(entry.log, task.logs, added)
  const logProgress = logProgressAfter(entry.logProgress, log, firstChanged)
  const progress = progressFromTask(task.progress) ?? logProgress?.progress ?? null

  const last = previous.events[previous.events.length - 1]
  const events = last?.status === status ? previous.events : [...previous.events, { status, at }]

  const state = withLogs(log, previous, {
    status,
    statusName: statusName(status),
    task,
    droppedLines: log.droppedLines,
    output: task.output ?? null,
    error: status === TaskStatus.FAILED ? new TaskFailedError(task) : null,
    progress: sameProgress(previous.progress, progress) ? previous.progress : progress,
    events,
    updatedAt: at,
  })
  return { state, log, logProgress }
}

/** The entry with some of its state's fields changed, its log as it was. */
function patch(entry: TaskEntry, changes: Changes): TaskEntry {
  return { ...entry, state: withLogs(entry.log, entry.state, changes) }
}

/** New values for some of a state's fields; `logs` comes from the log. */
type Changes = Partial<Omit<TaskState, 'logs'>>

/**
 * `previous` with `changes`, its `logs` the lines of `log`, built when first read: an update
 * that adds a line costs that line, not a copy of the log, and a subscriber that reads `logs`
 * once a frame copies it once a frame. `previous.logs` is never read, as that would build it.
 */
function withLogs(log: LogLines, previous: TaskState, changes: Changes): TaskState {
  // No closure here may read `previous`: the getter would keep it, and every state before it.
  const state: TaskState = {
    id: chosen(changes, previous, 'id'),
    status: chosen(changes, previous, 'status'),
    statusName: chosen(changes, previous, 'statusName'),
    task: chosen(changes, previous, 'task'),
    get logs() {
      return log.lines
    },
    droppedLines: chosen(changes, previous, 'droppedLines'),
    output: chosen(changes, previous, 'output'),
    error: chosen(changes, previous, 'error'),
    progress: chosen(changes, previous, 'progress'),
    connection: chosen(changes, previous, 'connection'),
    events: chosen(changes, previous, 'events'),
    updatedAt: chosen(changes, previous, 'updatedAt'),
  }
  const transport = chosen(changes, previous, 'transport')
  if (transport !== undefined) state.transport = transport
  return state
}

/** The new value of a field when there is one, else the old. */
function chosen<K extends keyof Changes>(
  changes: Changes,
  previous: TaskState,
  key: K,
): TaskState[K] {
  return (changes[key] !== undefined ? changes[key] : previous[key]) as TaskState[K]
}

/** A status already read by the client stays as it is; anything else goes through the table. */
function readStatus(value: Task['status']): TaskStatus {
  if (typeof value === 'number' && statusName(value) !== 'UNKNOWN') return value as TaskStatus
  return parseStatus(value)
}

function sameProgress(a: Progress | null, b: Progress | null): boolean {
  if (a === null || b === null) return a === b
  return (
    a.percent === b.percent &&
    a.current === b.current &&
    a.total === b.total &&
    a.eta === b.eta &&
    a.rate === b.rate
  )
}

function unreachable(action: never): never {
  throw new Error(`Unknown task action ${JSON.stringify(action)}`)
}
