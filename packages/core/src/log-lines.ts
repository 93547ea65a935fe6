import type { LogLine, LogRecord, Task } from './types'

/**
 * A task's log read into terminal lines, and how much of the log snapshot that took. Logs made
 * here build `lines` when it is first read (a getter), so a spread copy of one has no `lines`.
 */
export interface LogLines {
  /** The lines kept, oldest first; a line rewritten by `\r` keeps its id. */
  readonly lines: LogLine[]
  /** How many of the oldest lines were dropped to stay under `lineCap`. */
  readonly droppedLines: number
  /** The most lines kept. */
  readonly lineCap: number
  /** The id the next new line gets; ids are never reused, even after a rebuild. */
  readonly nextId: number
  /** The last line has no newline yet, so the next text continues it. */
  readonly open: boolean
  /** The text so far ended in `\r`: the next text rewrites the open line, unless it is `\n`. */
  readonly carriage: boolean
  /** The snapshot read so far, to tell growth from a rewrite. */
  readonly seen: string | LogRecord[] | null
}

/** The lines after an update, and the index of the first line it touched (-1: none). */
export interface LogLinesUpdate {
  /** The log after the snapshot. */
  log: LogLines
  /** The index in `log.lines` of the first line added or rewritten; -1 when none was. */
  firstChanged: number
}

/**
 * Where a log's lines live. Finished lines sit in `rows`, shared by every version of the log
 * that reads them: a version reads `rows[start..end)`, and only the newest one appends, so an
 * update costs what it adds rather than a copy of the log. The line still being written is
 * kept apart, as `\r` may rewrite it; the `lines` array is built when first read.
 */
interface Shelf {
  rows: LogLine[]
  start: number
  end: number
  /** The open line (no newline yet), or `null`. */
  last: LogLine | null
  /** The `lines` array, once read. */
  built: LogLine[] | null
}

/** Starts an empty log that keeps at most `lineCap` lines (default 10,000). */
export function createLogLines(lineCap = 10_000): LogLines {
  const shelf: Shelf = { rows: [], start: 0, end: 0, last: null, built: null }
  const fields = { droppedLines: 0, lineCap: Math.max(1, lineCap), nextId: 0 }
  return new ShelvedLog(shelf, fields, false, null)
}

/** The lines of `log` from `index` on: those an update touched, without building the rest. */
export function linesFrom(log: LogLines, index: number): LogLine[] {
  return linesOf(shelfOf(log), Math.max(0, index))
}

/** The line of `log` at `index`, without building its lines; `undefined` when there is none. */
export function lineAt(log: LogLines, index: number): LogLine | undefined {
  const { rows, start, end, last } = shelfOf(log)
  if (index < 0) return undefined
  if (start + index < end) return rows[start + index]
  return start + index === end && last !== null ? last : undefined
}

/**
 * Reads a new snapshot of a task's log (a string, or records by `log_type`), processing only
 * what was added since the last one; a snapshot that does not extend the last one is reread.
 * `added`, when the caller knows it (a delta), is the text the snapshot added to the last one.
 * `\r` rewrites the current line, `\r\n` and `\n` end it, ANSI codes stay in the text.
 */
export function updateLogLines(
  log: LogLines,
  snapshot: Task['logs'],
  added: string | null = null,
): LogLinesUpdate {
  if (snapshot === null || snapshot === undefined || sameSnapshot(snapshot, log.seen)) {
    return { log, firstChanged: -1 }
  }

  const draft = startDraft(log)
  if (typeof snapshot === 'string' && added !== null) {
    write(draft, added)
  } else if (typeof snapshot === 'string') {
    writeString(draft, snapshot)
  } else {
    writeRecords(draft, snapshot)
  }
  return finish(log, draft, snapshot)
}

/** The same snapshot again; lengths first, as comparing two long strings reads them whole. */
function sameSnapshot(snapshot: string | LogRecord[], seen: LogLines['seen']): boolean {
  if (typeof snapshot !== 'string' || typeof seen !== 'string') return snapshot === seen
  return snapshot.length === seen.length && snapshot === seen
}

interface Draft {
  rows: LogLine[]
  start: number
  end: number
  last: LogLine | null
  droppedLines: number
  lineCap: number
  nextId: number
  carriage: boolean
  seen: string | LogRecord[] | null
  /** Where the first line added or rewritten sits, counted in `rows`; -1 when none was. */
  firstChanged: number
  /** The `log_type` of the record being read, which new lines carry. */
  channel: string | undefined
}

function startDraft(log: LogLines): Draft {
  const { rows, start, end, last } = shelfOf(log)
  const { droppedLines, lineCap, nextId, carriage, seen } = log

  // A newer version already appended to these rows: this one branches off with a copy.
  const owned = end === rows.length
  return {
    rows: owned ? rows : rows.slice(start, end),
    start: owned ? start : 0,
    end: owned ? end : end - start,
    last,
    droppedLines,
    lineCap,
    nextId,
    carriage,
    seen,
    firstChanged: -1,
    channel: undefined,
  }
}

/** Forgets what was read (the snapshot was rewritten), keeping ids unique. */
function restart(draft: Draft): void {
  draft.rows = []
  draft.start = 0
  draft.end = 0
  draft.last = null
  draft.droppedLines = 0
  draft.carriage = false
  draft.seen = null
  draft.firstChanged = 0
}

function writeString(draft: Draft, snapshot: string): void {
  const seen = typeof draft.seen === 'string' ? draft.seen : null
  if (seen === null || !extendsText(snapshot, seen)) {
    if (draft.seen !== null) restart(draft)
    write(draft, snapshot)
    return
  }
  write(draft, snapshot.slice(seen.length))
}

/** Each record is its own stream of text (one per `log_type`); only the last one may grow. */
function writeRecords(draft: Draft, records: LogRecord[]): void {
  const seen = Array.isArray(draft.seen) ? draft.seen : []
  const grows = Array.isArray(draft.seen) && recordsExtend(seen, records)
  if (!grows && draft.seen !== null) restart(draft)
  const from = grows ? seen.length : 0

  const last = seen[seen.length - 1]
  const grown = grows ? records[seen.length - 1] : undefined
  if (last !== undefined && grown !== undefined) {
    draft.channel = grown.log_type
    write(draft, contentOf(grown).slice(contentOf(last).length))
  }

  for (const record of records.slice(from)) {
    if (draft.last !== null) endLine(draft)
    draft.channel = record.log_type
    write(draft, contentOf(record))
  }
}

// Known limit: growth is judged from the ends, not every character, so that an update costs
// the same however long the log is; a server that rewrites only the middle of a log (or of an
// earlier record) is not seen to rewrite it. Snapshots from real servers only ever grow.
const probe = 64

/** Whether `text` is `seen` with more at its end, judged by length, head and tail. */
function extendsText(text: string, seen: string): boolean {
  if (text.length < seen.length) return false
  if (seen.length <= probe * 2) return text.startsWith(seen)
  const tail = seen.length - probe
  return text.startsWith(seen.slice(0, probe)) && text.startsWith(seen.slice(tail), tail)
}

function recordsExtend(seen: LogRecord[], records: LogRecord[]): boolean {
  if (records.length < seen.length) return false
  const checked = [0, Math.max(0, seen.length - 2), seen.length - 1]
  return checked.every((index) => {
    const record = seen[index]
    const now = records[index]
    if (record === undefined) return true
    if (now === undefined || now.id !== record.id) return false
    const before = contentOf(record)
    return index === seen.length - 1
      ? extendsText(contentOf(now), before)
      : contentOf(now) === before
  })
}

function contentOf(record: LogRecord): string {
  return typeof record.content === 'string' ? record.content : ''
}

function write(draft: Draft, text: string): void {
  // A `\r\n` cut between two snapshots needs no care: a pending `\r`, then `\n`, ends the line.
  for (const part of text.split(/(\r\n|\r|\n)/)) {
    if (part === '') continue
    if (part === '\r') draft.carriage = true
    else if (part === '\n' || part === '\r\n') endLine(draft)
    else writePart(draft, part)
  }
}

function writePart(draft: Draft, part: string): void {
  // A fresh copy: a slice would keep the whole snapshot it was cut from alive with the line.
  const own = ` ${part}`.slice(1)
  const current = draft.last
  if (current === null) {
    draft.last = newLine(draft, own)
    draft.nextId += 1
  } else {
    draft.last = { ...current, text: draft.carriage ? own : current.text + own }
  }
  touch(draft, draft.end)
  draft.carriage = false
}

function endLine(draft: Draft): void {
  if (draft.last === null) {
    touch(draft, draft.end)
    draft.rows.push(newLine(draft, ''))
    draft.nextId += 1
  } else {
    draft.rows.push(draft.last)
  }
  draft.end += 1
  draft.last = null
  draft.carriage = false
}

function newLine(draft: Draft, text: string): LogLine {
  const { nextId: id, channel } = draft
  return channel === undefined ? { id, text } : { id, text, channel }
}

function touch(draft: Draft, index: number): void {
  if (draft.firstChanged === -1 || index < draft.firstChanged) draft.firstChanged = index
}

/** Rows dropped from the front are let go once they outnumber the kept ones. */
const compactAfter = 1024

function finish(log: LogLines, draft: Draft, snapshot: string | LogRecord[]): LogLinesUpdate {
  const { rows, end, last, lineCap, nextId, carriage } = draft
  const excess = Math.max(0, end - draft.start + (last === null ? 0 : 1) - lineCap)
  const start = draft.start + excess
  const droppedLines = draft.droppedLines + excess
  const fields = { droppedLines, lineCap, nextId }

  // No line touched (at most a `\r` or a newline read): the same lines, the same array.
  const same = draft.firstChanged === -1 && excess === 0
  const built = same ? shelfOf(log).built : null
  const firstChanged = draft.firstChanged === -1 ? -1 : Math.max(0, draft.firstChanged - start)

  const compact = start >= compactAfter && start * 2 >= rows.length
  const shelf: Shelf = compact
    ? { rows: rows.slice(start, end), start: 0, end: end - start, last, built }
    : { rows, start, end, last, built }
  return { log: new ShelvedLog(shelf, fields, carriage, snapshot), firstChanged }
}

/** A log read here: its fields, and its lines on a shelf until they are first read. */
class ShelvedLog implements LogLines {
  readonly droppedLines: number
  readonly lineCap: number
  readonly nextId: number
  readonly open: boolean
  readonly carriage: boolean
  readonly seen: LogLines['seen']
  readonly #shelf: Shelf

  constructor(
    shelf: Shelf,
    fields: Pick<LogLines, 'droppedLines' | 'lineCap' | 'nextId'>,
    carriage: boolean,
    seen: LogLines['seen'],
  ) {
    this.droppedLines = fields.droppedLines
    this.lineCap = fields.lineCap
    this.nextId = fields.nextId
    this.open = shelf.last !== null
    this.carriage = carriage
    this.seen = seen
    this.#shelf = shelf
  }

  get lines(): LogLine[] {
    this.#shelf.built ??= linesOf(this.#shelf)
    return this.#shelf.built
  }

  /** The shelf of `log`, when it was read here. */
  static shelfOf(log: LogLines): Shelf | undefined {
    return #shelf in log ? log.#shelf : undefined
  }
}

/** The lines on a shelf, from the `from`th kept one on. */
function linesOf({ rows, start, end, last }: Shelf, from = 0): LogLine[] {
  const lines = rows.slice(start + from, end)
  if (last !== null) lines.push(last)
  return lines
}

/** The shelf of a log built here; a log from elsewhere is read from its `lines`. */
function shelfOf(log: LogLines): Shelf {
  const known = ShelvedLog.shelfOf(log)
  if (known !== undefined) return known

  const rows = log.lines.slice()
  const last = log.open ? (rows.pop() ?? null) : null
  return { rows, start: 0, end: rows.length, last, built: null }
}
