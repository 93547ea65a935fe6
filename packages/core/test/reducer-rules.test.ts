import { describe, expect, it } from 'vitest'
import {
  createTaskEntry,
  isTerminal,
  type LogRecord,
  type Progress,
  type Task,
  TaskStatus,
  type TaskStatusName,
  taskReducer,
} from '../src/index'

interface Expected {
  lines?: string[]
  /** The `log_type` of each line, for logs sent as records. */
  channels?: string[]
  droppedLines?: number
  /** The last line has no newline yet. */
  open?: boolean
  progress?: Progress | null
  status?: TaskStatusName
  terminal?: boolean
  /** Each status change and the `at` of the snapshot that brought it. */
  events?: Array<[TaskStatusName, number]>
}

interface Rule {
  rule: string
  /** The final log; it is fed as growing snapshots, cut at every character. */
  logs?: string | LogRecord[]
  /** The task's own progress field, the same in every snapshot. */
  progress?: Task['progress']
  /** The statuses of the snapshots, in order; fed with every pattern of repeats. */
  statuses?: Task['status'][]
  lineCap?: number
  expected: Expected
}

const esc = '\u001b'
const bar = (done: number) =>
  `${String(done * 10).padStart(3)}%|${'█'.repeat(done).padEnd(10)}| ${done}/10 ` +
  `[00:${String(done).padStart(2, '0')}<00:${String(10 - done).padStart(2, '0')},  1.00it/s]`
const finished = { percent: 100, current: 10, total: 10, eta: 0, rate: 1 }
const tqdmLog = `loading\n${bar(1)}\r${bar(5)}\r${bar(10)}\nsaved\n`

// One row per rule of the reducer: the task it is fed and the state it must end in.
const rules: Rule[] = [
  {
    rule: 'LF line ends',
    logs: 'boot\nload\n\nready\n',
    expected: { lines: ['boot', 'load', '', 'ready'] },
  },
  {
    rule: 'CRLF line ends, cut between \\r and \\n included',
    logs: 'boot\r\nload\r\n\r\nready\r\n',
    expected: { lines: ['boot', 'load', '', 'ready'] },
  },
  {
    rule: '\\r alone rewrites the current line (a tqdm bar), which keeps its id',
    logs: `start\n${bar(0)}\r${bar(3)}\r${bar(10)}\ndone\n`,
    expected: { lines: ['start', bar(10), 'done'], progress: finished },
  },
  {
    rule: 'an ANSI SGR code cut between snapshots is carried over whole',
    logs: `${esc}[32mok${esc}[0m build\n${esc}[1;31merror${esc}[0m: disk\n`,
    expected: { lines: [`${esc}[32mok${esc}[0m build`, `${esc}[1;31merror${esc}[0m: disk`] },
  },
  {
    rule: 'multi-byte text (é, ✓, an emoji), cut inside a surrogate pair too',
    logs: 'café ✓\n🎨 painted 🎨\n',
    expected: { lines: ['café ✓', '🎨 painted 🎨'] },
  },
  {
    rule: 'a line without a final newline stays the open last line',
    logs: 'first\nsecond',
    expected: { lines: ['first', 'second'], open: true },
  },
  {
    rule: 'the line cap keeps the newest lines and counts the dropped ones',
    logs: 'l1\nl2\nl3\nl4\nl5\nl6',
    lineCap: 3,
    expected: { lines: ['l4', 'l5', 'l6'], droppedLines: 3, open: true },
  },
  {
    rule: 'log records per log_type, each its own stream, the last one growing',
    logs: [
      { id: 1, log_type: 'stdout', content: 'boot\nload' },
      { id: 2, log_type: 'stderr', content: 'warn\n' },
      { id: 3, log_type: 'stdout', content: 'step 1\nstep 2' },
    ],
    expected: {
      lines: ['boot', 'load', 'warn', 'step 1', 'step 2'],
      channels: ['stdout', 'stdout', 'stderr', 'stdout', 'stdout'],
      open: true,
    },
  },
  {
    rule: 'progress is read from the last tqdm line and kept while later lines carry none',
    logs: tqdmLog,
    expected: {
      lines: ['loading', bar(10), 'saved'],
      progress: finished,
    },
  },
  {
    rule: 'a tqdm line rewritten by other text gives the progress of an older one',
    logs: `${bar(2)}\nload\n${bar(5)}\rsaved\n`,
    expected: {
      lines: [bar(2), 'load', 'saved'],
      progress: { percent: 20, current: 2, total: 10, eta: 8, rate: 1 },
    },
  },
  {
    rule: 'a tqdm line the cap has dropped no longer gives progress',
    logs: `${bar(5)}\na\nb\n`,
    lineCap: 2,
    expected: { lines: ['a', 'b'], droppedLines: 1, progress: null },
  },
  {
    rule: "the task's own progress field wins over the log",
    logs: tqdmLog,
    progress: { current: 4, total: 10 },
    expected: {
      lines: ['loading', bar(10), 'saved'],
      progress: { percent: 40, current: 4, total: 10, eta: null },
    },
  },
  {
    rule: 'statuses as numbers',
    statuses: [1, 2, 7, 10],
    expected: {
      status: 'COMPLETED',
      terminal: true,
      events: [
        ['RECEIVED', 0],
        ['QUEUED', 1],
        ['RUNNING', 2],
        ['COMPLETED', 3],
      ],
    },
  },
  {
    rule: 'statuses as names, the same status as a number and a name being one event',
    statuses: ['queued', 'Setting-Up', 'running', 7, 'RUNNING', 'failed'],
    expected: {
      status: 'FAILED',
      terminal: true,
      events: [
        ['QUEUED', 0],
        ['SETTING_UP', 1],
        ['RUNNING', 2],
        ['FAILED', 5],
      ],
    },
  },
  {
    rule: 'an unknown status is read as UNKNOWN and is never terminal',
    statuses: [2, 'paused', 42, 'done'],
    expected: {
      status: 'UNKNOWN',
      events: [
        ['QUEUED', 0],
        ['UNKNOWN', 1],
      ],
    },
  },
]

/** Every growing snapshot of a log, one more character each time, the whole log last. */
function growing(logs: string | LogRecord[]): Array<string | LogRecord[]> {
  if (typeof logs === 'string') {
    return Array.from({ length: logs.length + 1 }, (_, n) => logs.slice(0, n))
  }
  return logs.flatMap((record, index) =>
    Array.from({ length: record.content.length + 1 }, (_, n) => [
      ...logs.slice(0, index),
      { ...record, content: record.content.slice(0, n) },
    ]),
  )
}

/** Ways to reach the last of `count` snapshots: whole, every one, each cut and pair of cuts. */
function cuttings(count: number): number[][] {
  const last = count - 1
  const ways = [[last], Array.from({ length: count }, (_, index) => index)]
  for (let a = 0; a < last; a += 1) {
    ways.push([a, last])
    for (let b = a + 1; b < last; b += 1) ways.push([a, b, last])
  }
  return ways
}

/** Ways to feed a sequence of snapshots, each once or twice in a row. */
function repeats(count: number): number[][] {
  return Array.from({ length: 2 ** count }, (_, mask) =>
    Array.from({ length: count }, (_, index) => index).flatMap((index) =>
      mask & (1 << index) ? [index, index] : [index],
    ),
  )
}

/** The snapshots a row feeds, each with its `at`, in every way the row is cut. */
function feeds(row: Rule): Array<Array<{ task: Task; at: number }>> {
  if (row.statuses !== undefined) {
    const tasks = row.statuses.map((status): Task => ({ id: 't', status }))
    return repeats(tasks.length).map((way) =>
      way.map((index) => ({ task: tasks[index] as Task, at: index })),
    )
  }
  const snapshots = growing(row.logs ?? '')
  const progress = row.progress ?? null
  const tasks = snapshots.map((logs): Task => ({ id: 't', status: 7, logs, progress }))
  return cuttings(tasks.length).map((way) =>
    way.map((index, at) => ({ task: tasks[index] as Task, at })),
  )
}

/** What a row checks of the state a feed ends in. */
function outcome(row: Rule, feed: Array<{ task: Task; at: number }>) {
  let entry = createTaskEntry('t', row.lineCap)
  for (const { task, at } of feed) entry = taskReducer(entry, { type: 'task-received', task, at })
  const { state, log } = entry
  return {
    lines: state.logs.map((line) => line.text),
    ...(row.expected.channels && { channels: state.logs.map((line) => line.channel) }),
    // One id per line, in order: a rewrite keeps its line's id and burns none.
    ids: state.logs.map((line) => line.id),
    droppedLines: state.droppedLines,
    open: log.open,
    progress: state.progress,
    status: state.status,
    terminal: isTerminal(state.status),
    events: state.events,
  }
}

function expectedOf({ expected }: Rule) {
  const { lines = [], droppedLines = 0, status = 'RUNNING' } = expected
  return {
    lines,
    ...(expected.channels && { channels: expected.channels }),
    ids: lines.map((_, index) => droppedLines + index),
    droppedLines,
    open: expected.open ?? false,
    progress: expected.progress ?? null,
    status: TaskStatus[status],
    terminal: expected.terminal ?? false,
    events: (expected.events ?? [['RUNNING', 0]]).map(([name, at]) => ({
      status: TaskStatus[name],
      at,
    })),
  }
}

describe('taskReducer rules', () => {
  it.each(rules)('$rule, at every cut', (row) => {
    const expected = expectedOf(row)
    const ways = feeds(row)
    for (const feed of ways) {
      const got = outcome(row, feed)
      const cut = feed.map(({ task }) => JSON.stringify(task.logs ?? task.status))
      expect({ ...got, cut }).toEqual({ ...expected, cut })
    }
    expect(ways.length).toBeGreaterThan(8)
  })
})
