import { describe, expect, it } from 'vitest'
import { hasOvertaken, reconcileTask, settleTask, type Task, TaskStatus } from '../src/index'

const { RUNNING, UPLOADING, COMPLETED, FAILED, CANCELLED, CANCELLING, UNKNOWN } = TaskStatus

const task = (fields: Partial<Task> = {}): Task => ({ id: 't', status: RUNNING, ...fields })

// The re-read after a reconnect (`floor`), the task the resumed stream has built (`streamed`),
// and what the stream must show while the replay catches up.
const reconciled: Array<{ rule: string; floor: Task; streamed: Task; expected: Task }> = [
  {
    rule: 'a re-read COMPLETED stays COMPLETED while the replay is still RUNNING',
    floor: task({ status: COMPLETED }),
    streamed: task({ status: RUNNING }),
    expected: task({ status: COMPLETED }),
  },
  {
    rule: 'a re-read UPLOADING stays UPLOADING while the replay is still RUNNING',
    floor: task({ status: UPLOADING }),
    streamed: task({ status: RUNNING }),
    expected: task({ status: UPLOADING }),
  },
  {
    rule: 'a stream already UPLOADING is not moved back to the re-read RUNNING',
    floor: task({ status: RUNNING }),
    streamed: task({ status: UPLOADING }),
    expected: task({ status: UPLOADING }),
  },
  {
    rule: 'logs the stream has already extended keep the longer text',
    floor: task({ logs: 'a\n' }),
    streamed: task({ logs: 'a\nb\n' }),
    expected: task({ logs: 'a\nb\n' }),
  },
  {
    rule: 'logs the replay has not reached yet keep the re-read text',
    floor: task({ logs: 'a\nb\n' }),
    streamed: task({ logs: 'a\n' }),
    expected: task({ logs: 'a\nb\n' }),
  },
  {
    rule: 'logs that disagree take the re-read',
    floor: task({ logs: 'a\nb\n' }),
    streamed: task({ logs: 'x\n' }),
    expected: task({ logs: 'a\nb\n' }),
  },
  {
    rule: 'a field only the stream has is kept',
    floor: task(),
    streamed: task({ output: { text: 'Hi' } }),
    expected: task({ output: { text: 'Hi' } }),
  },
  {
    rule: 'a field only the re-read has is kept',
    floor: task({ app: 'echo' }),
    streamed: task(),
    expected: task({ app: 'echo' }),
  },
  {
    rule: 'nested text the stream extends is kept beside the re-read siblings',
    floor: task({ output: { text: 'Hel', model: 'm1' } }),
    streamed: task({ output: { text: 'Hello' } }),
    expected: task({ output: { text: 'Hello', model: 'm1' } }),
  },
  {
    rule: 'a longer list wins, from either side',
    floor: task({ files: ['a'], records: [1, 2] }),
    streamed: task({ files: ['a', 'b'], records: [1] }),
    expected: task({ files: ['a', 'b'], records: [1, 2] }),
  },
]

// Once the stream has overtaken the re-read it wins, except where the re-read is further on.
const settled: Array<{ rule: string; floor: Task; streamed: Task; expected: Task }> = [
  {
    rule: 'a status later in the re-read is not moved back by the stream',
    floor: task({ status: UPLOADING, updated_at: '2024-01-01T00:00:01Z' }),
    streamed: task({ status: RUNNING, updated_at: '2024-01-01T00:00:02Z' }),
    expected: task({ status: UPLOADING, updated_at: '2024-01-01T00:00:02Z' }),
  },
  {
    rule: 'a re-read COMPLETED is not moved back to RUNNING',
    floor: task({ status: COMPLETED }),
    streamed: task({ status: RUNNING }),
    expected: task({ status: COMPLETED }),
  },
  {
    rule: 'a status later in the stream is the stream one',
    floor: task({ status: UNKNOWN }),
    streamed: task({ status: CANCELLING }),
    expected: task({ status: CANCELLING }),
  },
  {
    rule: 'logs that disagree take the stream',
    floor: task({ logs: 'a\nb\n' }),
    streamed: task({ logs: 'x\n' }),
    expected: task({ logs: 'x\n' }),
  },
  {
    rule: 'logs the re-read extends keep the longer text',
    floor: task({ logs: 'a\nb\n' }),
    streamed: task({ logs: 'a\n' }),
    expected: task({ logs: 'a\nb\n' }),
  },
  {
    rule: 'a field only the stream has is kept',
    floor: task(),
    streamed: task({ output: { text: 'Hi' } }),
    expected: task({ output: { text: 'Hi' } }),
  },
]

describe('reconcileTask', () => {
  it.each(reconciled)('$rule', ({ floor, streamed, expected }) => {
    expect(reconcileTask(floor, streamed)).toEqual(expected)
  })

  it('changes neither task it is given', () => {
    const floor = task({ status: COMPLETED, output: { text: 'Hel' } })
    const streamed = task({ output: { text: 'Hello' } })
    reconcileTask(floor, streamed)
    expect(floor).toEqual(task({ status: COMPLETED, output: { text: 'Hel' } }))
    expect(streamed).toEqual(task({ output: { text: 'Hello' } }))
  })
})

describe('settleTask', () => {
  it.each(settled)('$rule', ({ floor, streamed, expected }) => {
    expect(settleTask(floor, streamed)).toEqual(expected)
  })
})

describe('hasOvertaken', () => {
  const at = (second: number) => `2024-01-01T00:00:0${second}Z`
  const rows: Array<{ rule: string; floor: Task; streamed: Task; expected: boolean }> = [
    ...[COMPLETED, FAILED, CANCELLED].map((status) => ({
      rule: `a stream that reached ${status} (terminal)`,
      floor: task({ updated_at: at(5) }),
      streamed: task({ status, updated_at: at(1) }),
      expected: true,
    })),
    {
      rule: 'a stream changed later than the re-read',
      floor: task({ updated_at: at(1) }),
      streamed: task({ updated_at: at(2) }),
      expected: true,
    },
    {
      rule: 'a stream changed at the same time as the re-read',
      floor: task({ updated_at: at(2) }),
      streamed: task({ updated_at: at(2) }),
      expected: false,
    },
    {
      rule: 'a stream still replaying older changes',
      floor: task({ updated_at: at(2) }),
      streamed: task({ updated_at: at(1) }),
      expected: false,
    },
    {
      rule: 'a stream without updated_at',
      floor: task({ updated_at: at(1) }),
      streamed: task(),
      expected: false,
    },
    {
      rule: 'a re-read without updated_at',
      floor: task(),
      streamed: task({ updated_at: at(1) }),
      expected: false,
    },
    {
      rule: 'a stream CANCELLING, which is not terminal',
      floor: task({ updated_at: at(2) }),
      streamed: task({ status: CANCELLING, updated_at: at(1) }),
      expected: false,
    },
  ]

  it.each(rows)('$rule: $expected', ({ floor, streamed, expected }) => {
    expect(hasOvertaken(floor, streamed)).toBe(expected)
  })
})
