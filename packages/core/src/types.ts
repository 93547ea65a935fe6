import type { TaskStatus, TaskStatusName } from './status'

/** A file in a task's output, as the API describes it. */
export interface FileOutput {
  uri: string
  content_type?: string
  filename?: string
  size?: number
}

/** One record of a task's log when the server sends structured logs. */
export interface LogRecord {
  id?: string | number
  log_type?: string
  content: string
}

/** A task as the API sends it. Fields beyond these are kept as they come. */
export interface Task {
  id: string
  app?: string
  /** A status number or, from newer servers, its lower-case name. */
  status: number | string
  input?: Record<string, unknown>
  output?: Record<string, unknown> | null
  /** The log so far: one string, or records per `log_type`. */
  logs?: string | LogRecord[] | null
  error?: string | null
  progress?: number | { percent?: number; current?: number; total?: number } | null
  created_at?: string
  updated_at?: string
  [key: string]: unknown
}

/** What `POST /apps/run` takes. */
export interface RunParams<Input = Record<string, unknown>> {
  /** The app to run, such as `'infsh/flux'` or `'local/image'`. */
  app: string
  /** The app's input fields. */
  input: Input
  setup?: Record<string, unknown>
  variant?: string
  webhook?: string
}

/** One terminal line of a task's log, after `\r` handling; its text keeps its ANSI codes. */
export interface LogLine {
  /** Stable across rewrites: a line rewritten by `\r` keeps its id. */
  id: number
  text: string
  /** The `log_type` of the record the line came from, when the log came as records. */
  channel?: string
}

/** How far a task has got, when the task or its logs say so. */
export interface Progress {
  /** 0–100. */
  percent: number
  current: number | null
  total: number | null
  /** Seconds left, when known. */
  eta: number | null
  /** Items per second, when a tqdm line gives its rate. */
  rate?: number
}

/** How a task is followed: Server-Sent Events, NDJSON, or polling `GET /tasks/:id`. */
export type TransportName = 'sse' | 'ndjson' | 'poll'

/** The state of a task's live connection. */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed'

/** A status change, with the time the client saw it. */
export interface StatusEvent {
  status: TaskStatus
  at: number
}

/** Everything the store knows about one task. */
export interface TaskState {
  id: string
  status: TaskStatus
  statusName: TaskStatusName
  /** The merged raw task as the server sent it. */
  task: Task | null
  logs: LogLine[]
  /** How many early lines were dropped to keep the log under its cap. */
  droppedLines: number
  output: Record<string, unknown> | null
  error: Error | null
  progress: Progress | null
  connection: ConnectionState
  /** The transport the live connection uses; absent before one opens. Falls back on its own. */
  transport?: TransportName
  events: StatusEvent[]
  updatedAt: number
}
