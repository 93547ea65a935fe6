import type { Task } from './types'

/** What kind of taskstream error this is: the discriminant every error class sets. */
export type TaskstreamErrorType = 'api' | 'task-failed' | 'task-cancelled' | 'stream'

/** The base of every error the kit throws; switch on `type` rather than on the message. */
export abstract class TaskstreamError extends Error {
  /** Which error this is. */
  abstract readonly type: TaskstreamErrorType
}

/** An error answer as the API describes it (RFC 9457 problem details or `{error: {code}}`). */
export interface Problem {
  /** A short summary, such as `'Not Found'`. */
  title: string
  /** What went wrong with this request, when the server says. */
  detail: string | null
  /** A machine-readable code, from `{error: {code}}` answers or the problem's `type`. */
  code: string | null
}

/** The API answered a request with an error (a non-2xx status or a failed envelope). */
export class ApiError extends TaskstreamError {
  readonly type = 'api'
  /** The HTTP status, such as 404. */
  readonly status: number
  /** The error as the server described it. */
  readonly problem: Problem
  /** The method and URL that failed, such as `'GET http://127.0.0.1:8787/tasks/x'`. */
  readonly request: string
  /** How long the server asked to wait before another try (`Retry-After`), in ms, or `null`. */
  readonly retryAfterMs: number | null

  constructor(
    status: number,
    problem: Problem,
    request: string,
    retryAfterMs: number | null = null,
  ) {
    const detail = problem.detail === null ? '' : `: ${problem.detail}`
    super(`${request} answered ${status} ${problem.title}${detail}`)
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
    this.request = request
    this.retryAfterMs = retryAfterMs
  }
}

/** The task ended FAILED; `message` is the server's error message. */
export class TaskFailedError extends TaskstreamError {
  readonly type = 'task-failed'
  /** The failed task as last seen. */
  readonly task: Task

  constructor(task: Task) {
    const reason = typeof task.error === 'string' && task.error !== '' ? task.error : null
    super(reason ?? `Task ${quote(task.id)} failed without a message`)
    this.name = 'TaskFailedError'
    this.task = task
  }
}

/** The task ended CANCELLED. */
export class TaskCancelledError extends TaskstreamError {
  readonly type = 'task-cancelled'
  /** The cancelled task as last seen. */
  readonly task: Task

  constructor(task: Task) {
    super(`Task ${quote(task.id)} was cancelled`)
    this.name = 'TaskCancelledError'
    this.task = task
  }
}

/** Why a stream could not be read. */
export type StreamErrorKind =
  /** An event whose data was not the JSON the protocol promises; it was skipped. */
  | 'malformed-event'
  /** The stream was answered with something other than `text/event-stream`. */
  | 'unexpected-content-type'
  /** The stream kept ending before the task finished, and the retries ran out. */
  | 'ended'
  /** The connection failed (network error, body cut mid-read). */
  | 'network'
  /** The server sent an `error` event. */
  | 'server-error'
  /** `close()` was called before the task finished. */
  | 'closed'

/** Reading a task's live stream went wrong. */
export class StreamError extends TaskstreamError {
  readonly type = 'stream'
  /** What went wrong. */
  readonly kind: StreamErrorKind
  /** The task being followed, when known. */
  readonly taskId: string | null

  constructor(kind: StreamErrorKind, message: string, taskId: string | null, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause })
    this.name = 'StreamError'
    this.kind = kind
    this.taskId = taskId
  }
}

/** Quotes a value for an error message, cut to `max` characters. */
export function quote(value: unknown, max = 80): string {
  const text = typeof value === 'string' ? value : String(JSON.stringify(value))
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text)
}
