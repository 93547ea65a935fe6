import type { PhaseName } from './status'

/** The schema of one input field, as `GET /apps` lists it. */
export interface FieldSchema {
  /** The JSON type the field takes. */
  type: 'string' | 'number' | 'integer' | 'boolean'
  /** What the field does, for people and generated forms. */
  description: string
  /** The value used when the run leaves the field out; a field without one is required. */
  default?: string | number | boolean
  /** The smallest accepted number. */
  minimum?: number
  /** The largest accepted number. */
  maximum?: number
}

/** A file an app produced, as it appears in the task's output. */
export interface OutputFile {
  /** Absolute URL the server serves the file from. */
  uri: string
  /** Its media type, such as `'image/png'`. */
  content_type: string
  /** The name it was stored under. */
  filename: string
  /** Size in bytes. */
  size: number
}

/** A task's own progress, when the app knows it better than its logs do. */
export interface TaskProgress {
  /** 0–100. */
  percent: number
  /** Steps done, when the work counts steps. */
  current?: number
  /** Steps in all, when known. */
  total?: number
}

/** What an app's `run` gets: its input and the ways to report on its task. */
export interface TaskContext<Input = Record<string, unknown>> {
  /** The task's id, such as `'task_3f2a…'`. */
  readonly taskId: string
  /** The run's input, checked against the app's schema, with defaults filled in. */
  readonly input: Input
  /** Aborts when the task is cancelled or the server closes; stop working then. */
  readonly signal: AbortSignal
  /** Moves the task to a phase such as `'SETTING_UP'`; terminal states are the server's. */
  setStatus(status: PhaseName): void
  /** Appends one line (a newline is added) to the task's log. */
  log(line: string): void
  /** Appends raw text to the log, such as a `\r` progress-bar rewrite. */
  write(text: string): void
  /** Sets the task's `progress` field, or clears it with `null`. */
  setProgress(progress: TaskProgress | null): void
  /** Replaces the task's `output`. */
  setOutput(output: Record<string, unknown>): void
  /** Keeps a file in memory, served under `/files/<taskId>/<filename>`, and describes it. */
  putFile(filename: string, body: Uint8Array, contentType: string): OutputFile
  /** Waits `ms` times the server's `timeScale`; rejects when `signal` aborts. */
  sleep(ms: number): Promise<void>
}

/**
 * An app the server can run. `run` resolves when the work is done (the task then completes),
 * throws to fail the task with the error's message, and should stop when `ctx.signal` aborts.
 * An app that never calls `setStatus` is shown RUNNING from its first log, progress or output.
 */
export interface TaskApp {
  /** The id runs name, such as `'local/image'`. */
  id: string
  /** A short human name. */
  name: string
  /** One sentence on what the app does. */
  description: string
  /** The input fields, by name. */
  input: Record<string, FieldSchema>
  /** Does the work of one task. */
  run(ctx: TaskContext): Promise<void>
}
