/** What went wrong with a request, as a `type` discriminant. */
export type ProblemType =
  | 'bad-request'
  | 'invalid-input'
  | 'app-not-found'
  | 'task-not-found'
  | 'file-not-found'
  | 'not-found'
  | 'method-not-allowed'
  | 'payload-too-large'
  | 'injected-fault'
  | 'internal-error'
  | 'unauthorized'
  | 'forbidden'
  | 'bad-gateway'

/** A request the server refuses; sent as an RFC 9457 `application/problem+json` answer. */
export class ProblemError extends Error {
  /** Which problem this is; also the last part of the problem's `type` URI. */
  readonly type: ProblemType
  /** The HTTP status code of the answer. */
  readonly status: number
  /** A short, fixed summary of the problem type. */
  readonly title: string

  constructor(type: ProblemType, status: number, title: string, detail: string) {
    super(detail)
    this.name = 'ProblemError'
    this.type = type
    this.status = status
    this.title = title
  }

  /** The problem object sent on the wire. */
  toJSON(): Record<string, unknown> {
    return {
      type: `urn:taskstream:problem:${this.type}`,
      title: this.title,
      status: this.status,
      detail: this.message,
    }
  }
}

/** A field of a run's input that does not match the app's schema. */
export class InputError extends Error {
  /** Always `'invalid-input'`. */
  readonly type = 'invalid-input' as const
  /** The input field at fault. */
  readonly field: string

  constructor(field: string, message: string) {
    super(message)
    this.name = 'InputError'
    this.field = field
  }
}

/** Quotes a value for an error message, cut to a readable length. */
export function quote(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value))
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
