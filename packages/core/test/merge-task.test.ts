import { describe, expect, it } from 'vitest'
import { applyDelta, mergeTask, readUpdate, TaskStatus } from '../src/index'
import { keepAppended, logsAddedTo } from '../src/merge-task'

const context = { id: 'task_1', statusTable: 'classic' as const }

describe('mergeTask', () => {
  it('reads a whole task and parses its status', () => {
    const update = readUpdate({ id: 'task_1', status: 'running', logs: 'a\n', output: null })
    expect(update?.kind).toBe('whole')
    if (update === null) return

    const task = mergeTask(null, update, context)
    expect(task).toEqual({ id: 'task_1', status: TaskStatus.RUNNING, logs: 'a\n', output: null })
  })

  it('merges a partial update, copying only the fields it names', () => {
    const current = { id: 'task_1', status: TaskStatus.RUNNING, logs: 'a\n', output: null }
    const update = readUpdate({ data: { status: 8, output: { x: 1 } }, fields: ['status'] })
    if (update === null) throw new Error('expected an update')

    const task = mergeTask(current, update, context)
    expect(task).toEqual({ id: 'task_1', status: TaskStatus.UPLOADING, logs: 'a\n', output: null })
    expect(current.status).toBe(TaskStatus.RUNNING)
  })

  it('merges all of a partial update when it names no fields', () => {
    const update = readUpdate({ data: { output: { text: 'hi' } }, fields: [] })
    if (update === null) throw new Error('expected an update')

    const task = mergeTask({ id: 'task_1', status: 7 }, update, context)
    expect(task.output).toEqual({ text: 'hi' })
    expect(task.status).toBe(7)
  })

  it('starts from the followed id when a partial update comes first', () => {
    const update = readUpdate({ data: { status: 'queued' }, fields: ['status'] })
    if (update === null) throw new Error('expected an update')

    expect(mergeTask(null, update, context)).toEqual({ id: 'task_1', status: TaskStatus.QUEUED })
  })

  it('reads a status of the newer table when the context says so', () => {
    const update = readUpdate({ data: { status: 8 }, fields: ['status'] })
    if (update === null) throw new Error('expected an update')

    const task = mergeTask(null, update, { id: 'task_1', statusTable: 'v2' })
    expect(task.status).toBe(TaskStatus.CANCELLING)
  })

  it('rejects payloads that are not objects', () => {
    expect(readUpdate(null)).toBeNull()
    expect(readUpdate([1, 2])).toBeNull()
    expect(readUpdate('text')).toBeNull()
  })
})

describe('logsAddedTo', () => {
  const start = { id: 'task_1', status: TaskStatus.RUNNING, logs: 'a\n' }

  it('names the text the last delta added to a string log', () => {
    const first = applyDelta(start, { append: { logs: 'b\n' } }, context)
    expect(logsAddedTo(first, 'a\n')).toBe('b\n')
    expect(logsAddedTo(first, 'other')).toBeNull()

    const second = applyDelta(first, { append: { logs: 'c\n' } }, context)
    expect(second.logs).toBe('a\nb\nc\n')
    expect(logsAddedTo(second, first.logs)).toBe('c\n')
    // Only the last delta is remembered unless its task was kept.
    expect(logsAddedTo(first, 'a\n')).toBeNull()
  })

  it('remembers a kept task after later deltas', () => {
    const first = applyDelta(start, { append: { logs: 'b\n' } }, context)
    keepAppended(first)
    const second = applyDelta(first, { append: { output: { text: 'x' } } }, context)
    expect(logsAddedTo(second, first.logs)).toBeNull()
    expect(logsAddedTo(first, 'a\n')).toBe('b\n')
  })
})
