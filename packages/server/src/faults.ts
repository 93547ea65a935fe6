/** Faults the server injects on purpose, to test clients; all off unless set. */
export interface FaultOptions {
  /** Ends each affected stream after this many events, before `done`. */
  dropAfterEvents?: number
  /** Ends each affected stream once this many body bytes are written, even mid-event. */
  dropAfterBytes?: number
  /**
   * How a dropped stream ends: `'end'` closes it cleanly; `'destroy'` breaks the connection off
   * after the bytes written so far, so that reading the body fails. Default `'end'`.
   */
  dropMode?: 'end' | 'destroy'
  /** Goes silent (no events, no heartbeats) after this many events, keeping the connection open. */
  stallAfterEvents?: number
  /** Writes one malformed event (broken JSON) just before the stream's Nth event (from 1). */
  malformedEventAt?: number
  /**
   * Ignores `Last-Event-ID` and replays every event held from the start, as some servers do; on
   * every stream, whatever `streams` says, as it is the server's way and not a passing fault.
   */
  replayFromStart?: boolean
  /** Holds every byte until the stream ends, as a buffering proxy does. */
  bufferUntilEnd?: boolean
  /** The SSE `retry:` delay every stream advertises, in ms. Default 1000. */
  retryMs?: number
  /** How many stream connections, from now, the stream faults apply to. Default: every one. */
  streams?: number
  /** Answers the next requests with an error status and a `Retry-After` header. */
  failRequests?: FailRequests
}

/** Requests to refuse, as in `failRequests`. */
export interface FailRequests {
  /** The status to answer, such as 503 or 429. */
  status: number
  /** How many requests to refuse. */
  count: number
  /** The `Retry-After` value in seconds. Default 1. */
  retryAfterSeconds?: number
  /** Only requests whose path contains this string (or matches this pattern). Default: all. */
  path?: string | RegExp
}

/** The stream faults that apply to one stream connection. */
export type StreamFaults = Omit<FaultOptions, 'streams' | 'failRequests'>

/** The `retry:` delay streams advertise unless `retryMs` says otherwise. */
export const defaultRetryMs = 1000

/** Keeps the current faults and counts down how many streams and requests they still hit. */
export class FaultPlan {
  private faults: FaultOptions = {}
  private streamsLeft = Number.POSITIVE_INFINITY
  private requestsLeft = 0

  constructor(faults: FaultOptions | undefined) {
    this.set(faults)
  }

  /** Replaces every fault; `null` or `{}` turns them all off. */
  set(faults: FaultOptions | null | undefined): void {
    this.faults = faults ?? {}
    this.streamsLeft = this.faults.streams ?? Number.POSITIVE_INFINITY
    this.requestsLeft = this.faults.failRequests?.count ?? 0
  }

  /** The faults for a stream opening now, or `null` when none apply. */
  takeStream(): StreamFaults | null {
    const {
      streams: _streams,
      failRequests: _fail,
      retryMs,
      replayFromStart,
      ...stream
    } = this.faults
    // What every stream gets, however many the other faults still hit.
    const always: StreamFaults = {}
    if (retryMs !== undefined) always.retryMs = retryMs
    if (replayFromStart !== undefined) always.replayFromStart = replayFromStart

    if (Object.keys(stream).length === 0 || this.streamsLeft <= 0) {
      return Object.keys(always).length === 0 ? null : always
    }
    this.streamsLeft -= 1
    return { ...stream, ...always }
  }

  /** The refusal for a request to `path`, or `null` when it goes through. */
  takeRequest(path: string): FailRequests | null {
    const fail = this.faults.failRequests
    if (fail === undefined || this.requestsLeft <= 0) return null

    const matches =
      fail.path === undefined ||
      (typeof fail.path === 'string' ? path.includes(fail.path) : fail.path.test(path))
    if (!matches) return null

    this.requestsLeft -= 1
    return fail
  }
}
