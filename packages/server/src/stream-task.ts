import type { IncomingMessage, ServerResponse } from 'node:http'
import { defaultRetryMs, type StreamFaults } from './faults'
import { isTerminalStatus } from './status'
import { splitDelta } from './stream-delta'
import { pickStreamFormat, type StreamFrame } from './stream-format'
import type { TaskEvent, TaskRecord, TaskRegistry } from './task-registry'

/** A stream connection the server holds open. */
export interface OpenStream {
  readonly taskId: string
  /** Ends the response now. */
  close(): void
}

/** What a task stream needs from the server. */
export interface StreamTaskOptions {
  registry: TaskRegistry
  heartbeatMs: number
  /** Headers every answer carries (CORS). */
  headers: Record<string, string>
  /** The faults this connection suffers, if any. */
  faults: StreamFaults | null
  /** Every open stream; this one adds itself and removes itself when it ends. */
  streams: Set<OpenStream>
}

/**
 * Streams a task's events as SSE or NDJSON: the whole task first (or, with a `Last-Event-ID`
 * the task still holds, the events after it), then every change, then `done`. A client that
 * asks with `?deltas=true` gets the text a string field gained instead of the whole field.
 */
export function streamTask(
  req: IncomingMessage,
  res: ServerResponse,
  record: TaskRecord,
  options: StreamTaskOptions,
): void {
  const { registry, faults } = options
  const format = pickStreamFormat(req.headers.accept)
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams
  const deltas = query.get('deltas') === 'true'
  // What this connection has sent of each field, to send deltas against.
  const sent: Record<string, unknown> = {}
  const held: Buffer[] = []
  let written = 0
  let count = 0
  let stalled = false
  let closed = false

  // Set up: headers out at once, no Nagle delay, so each event leaves as it is written.
  res.writeHead(200, { ...options.headers, ...format.headers })
  res.flushHeaders()
  res.socket?.setNoDelay(true)

  const stream: OpenStream = { taskId: record.task.id, close: () => finish('end') }
  options.streams.add(stream)
  const unsubscribe = registry.subscribe(record, (event) => send(toFrame(event)))
  const heartbeat = setInterval(() => put(format.heartbeat()), options.heartbeatMs)
  res.on('close', () => finish('end'))

  function finish(mode: 'end' | 'destroy'): void {
    if (closed) return
    closed = true
    clearInterval(heartbeat)
    unsubscribe()
    options.streams.delete(stream)
    if (mode === 'end') {
      if (held.length > 0) res.write(Buffer.concat(held))
      res.end()
    } else if (res.socket !== null) {
      // What was written still goes out, then the connection breaks off without HTTP's ending.
      res.socket.end()
    } else res.destroy()
  }

  // Known limit: writes ignore backpressure; a stalled reader makes node buffer its events in
  // memory, which is fine for a local server whose tasks last seconds.
  function put(chunk: string): void {
    if (closed || stalled) return
    const bytes = Buffer.from(chunk)
    const limit = faults?.dropAfterBytes
    if (limit !== undefined && written + bytes.length >= limit) {
      write(bytes.subarray(0, Math.max(0, limit - written)))
      finish(faults?.dropMode ?? 'end')
      return
    }
    written += bytes.length
    write(bytes)
  }

  function write(bytes: Buffer): void {
    if (faults?.bufferUntilEnd) held.push(bytes)
    else res.write(bytes)
  }

  function shrink(frame: StreamFrame): StreamFrame {
    if (frame.event !== 'update') return frame
    if (frame.fields === undefined) {
      Object.assign(sent, frame.data)
      return frame
    }
    const split = deltas ? splitDelta(sent, frame.data) : null
    Object.assign(sent, frame.data)
    if (split === null || Object.keys(split.append).length === 0) return frame
    return {
      id: frame.id,
      event: 'delta',
      data: split.data,
      fields: split.fields,
      append: split.append,
    }
  }

  function send(frame: StreamFrame): void {
    if (closed || stalled) return
    count += 1
    if (faults?.malformedEventAt === count) put(format.malformed(frame.id))
    put(format.frame(shrink(frame)))

    if (frame.event === 'done') finish('end')
    else if (faults?.dropAfterEvents === count) finish(faults.dropMode ?? 'end')
    else if (faults?.stallAfterEvents === count) stalled = true
  }

  // Catch up: replay what the client missed, or send the whole task.
  put(format.preamble(faults?.retryMs ?? defaultRetryMs))
  const lastId = Number(req.headers['last-event-id'] ?? Number.NaN)
  const replay = faults?.replayFromStart === true && record.history.length > 0
  const missed = replay ? [...record.history] : registry.eventsAfter(record, lastId)
  if (missed === null) {
    send({ id: record.snapshotId, event: 'update', data: { ...record.task } })
  } else {
    for (const event of missed) send(toFrame(event))
  }

  // A task that has already ended gets its `done` even when the replay held none.
  if (isTerminalStatus(record.task.status)) send({ id: record.seq, event: 'done', data: {} })
}

function toFrame(event: TaskEvent): StreamFrame {
  if (event.event === 'done') return { id: event.id, event: 'done', data: {} }
  return { id: event.id, event: 'update', data: event.data, fields: event.fields }
}
