import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createLogLines,
  createTaskEntry,
  type LogLines,
  type TaskEntry,
  TaskStatus,
  taskReducer,
  updateLogLines,
} from '../src/index'

const texts = (log: LogLines) => log.lines.map((line) => `${line.id}:${line.text}`)

/** The lines of `text` read in one go, for comparison with a log read piece by piece. */
const readWhole = (text: string, lineCap: number) =>
  texts(updateLogLines(createLogLines(lineCap), text).log)

describe('log versions', () => {
  it('keeps every earlier version as it was, however many lines come later', () => {
    const piece = fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', '\n\n', '10%|█', '\x1b[1m')
    const property = fc.property(
      fc.array(fc.array(piece, { maxLength: 6 }), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 12 }),
      (updates, lineCap) => {
        const versions: Array<{ log: LogLines; text: string }> = []
        let log = createLogLines(lineCap)
        let text = ''
        for (const update of updates) {
          text += update.join('')
          log = updateLogLines(log, text).log
          versions.push({ log, text })
        }

        // Read only now, after every later update: each version still shows its own lines.
        for (const version of versions) {
          const whole = updateLogLines(createLogLines(lineCap), version.text).log
          expect(version.log.lines.map((line) => line.text)).toEqual(
            whole.lines.map((line) => line.text),
          )
          expect(version.log.droppedLines).toBe(whole.droppedLines)
        }
      },
    )
    fc.assert(property, { numRuns: 300 })
  })

  it('lets two updates branch from one version without touching each other', () => {
    const base = updateLogLines(createLogLines(), 'one\ntwo\n').log
    const left = updateLogLines(base, 'one\ntwo\nleft\n').log
    const right = updateLogLines(base, 'one\ntwo\nright\n').log
    const further = updateLogLines(left, 'one\ntwo\nleft\nmore\n').log

    expect(texts(base)).toEqual(['0:one', '1:two'])
    expect(texts(left)).toEqual(['0:one', '1:two', '2:left'])
    expect(texts(right)).toEqual(['0:one', '1:two', '2:right'])
    expect(texts(further)).toEqual(['0:one', '1:two', '2:left', '3:more'])
  })

  it('keeps the last lines under the cap through a long log, with the count dropped', () => {
    let log = createLogLines(100)
    let text = ''
    for (let i = 0; i < 5000; i += 1) {
      const line = `line ${i}\n`
      text += line
      log = updateLogLines(log, text, line).log
    }

    expect(log.lines).toHaveLength(100)
    expect(log.lines[0]?.text).toBe('line 4900')
    expect(log.lines.at(-1)?.text).toBe('line 4999')
    expect(log.droppedLines).toBe(4900)
    expect(texts(log)).toEqual(readWhole(text, 100))
  })

  it('keeps an open line rewritten by \\r apart from the version that showed it first', () => {
    const first = updateLogLines(createLogLines(), 'done\n 10%|█').log
    const second = updateLogLines(first, 'done\n 10%|█\r 50%|█████').log

    expect(texts(first)).toEqual(['0:done', '1: 10%|█'])
    expect(texts(second)).toEqual(['0:done', '1: 50%|█████'])
  })

  it('hands out the same lines array for one version, and a new one for the next', () => {
    const first = updateLogLines(createLogLines(), 'a\n').log
    const second = updateLogLines(first, 'a\nb\n').log

    expect(first.lines).toBe(first.lines)
    expect(second.lines).not.toBe(first.lines)
  })
})

describe('taskReducer logs', () => {
  const receive = (entry: TaskEntry, logs: string, at: number) =>
    taskReducer(entry, {
      type: 'task-received',
      task: { id: 't', status: TaskStatus.RUNNING, logs },
      at,
    })

  it('shows in each state the lines of its own update, read at any time later', () => {
    const states = []
    let entry = createTaskEntry('t', 3)
    let logs = ''
    for (let i = 0; i < 10; i += 1) {
      logs += `${i}\n`
      entry = receive(entry, logs, i)
      states.push(entry.state)
    }

    expect(states[1]?.logs.map((line) => line.text)).toEqual(['0', '1'])
    expect(states[5]?.logs.map((line) => line.text)).toEqual(['3', '4', '5'])
    expect(states[9]?.logs.map((line) => line.text)).toEqual(['7', '8', '9'])
    expect(states[9]?.droppedLines).toBe(7)
  })

  it('keeps logs a plain enumerable field: spread, JSON and equality see it', () => {
    const entry = receive(createTaskEntry('t'), 'one\ntwo', 1)
    const moved = taskReducer(entry, { type: 'connection-changed', connection: 'open', at: 2 })

    expect(Object.keys(moved.state)).toContain('logs')
    expect({ ...moved.state }.logs).toBe(moved.state.logs)
    expect(JSON.parse(JSON.stringify(moved.state)).logs).toEqual([
      { id: 0, text: 'one' },
      { id: 1, text: 'two' },
    ])
    expect(moved.state.logs).toBe(entry.state.logs)
    expect(moved.state).toMatchObject({ connection: 'open', statusName: 'RUNNING' })
  })
  it('lets go of earlier states: a state does not keep the one before it alive', async () => {
    setFlagsFromString('--expose_gc')
    const collect = runInNewContext('gc') as () => void

    let entry = receive(createTaskEntry('t'), 'a\n', 0)
    const first = new WeakRef(entry.state)
    entry = receive(entry, 'a\nb\n', 1)
    entry = taskReducer(entry, { type: 'connection-changed', connection: 'open', at: 2 })

    // A WeakRef made in this turn holds on until the turn ends.
    await new Promise((resolve) => setTimeout(resolve, 0))
    collect()
    expect(first.deref()).toBeUndefined()
    expect(entry.state.logs.map((line) => line.text)).toEqual(['a', 'b'])
  })
})
