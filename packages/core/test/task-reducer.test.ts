import { describe, expect, it } from 'vitest'
import {
  createTaskEntry,
  type Task,
  type TaskEntry,
  TaskFailedError,
  TaskStatus,
  taskReducer,
} from '../src/index'

const receive = (entry: TaskEntry, task: Task, at = 1) =>
  taskReducer(entry, { type: 'task-received', task, at })

describe('taskReducer', () => {
  it('starts idle with nothing known', () => {
    const { state } = createTaskEntry('t')
    expect(state).toMatchObject({ id: 't', status: TaskStatus.UNKNOWN, connection: 'idle' })
    expect(state.logs).toEqual([])
    expect(state.progress).toBeNull()
  })

  it('takes status, output, log lines and log progress from a task', () => {
    const task = {
      id: 't',
      status: 7,
      logs: 'load\n 45%|████ | 9/20 [00:03<00:04]',
      output: { a: 1 },
    }
    const { state } = receive(createTaskEntry('t'), task, 5)

    expect(state.status).toBe(TaskStatus.RUNNING)
    expect(state.statusName).toBe('RUNNING')
    expect(state.logs.map((line) => line.text)).toEqual(['load', ' 45%|████ | 9/20 [00:03<00:04]'])
    expect(state.progress).toEqual({ percent: 45, current: 9, total: 20, eta: 4 })
    expect(state.output).toEqual({ a: 1 })
    expect(state.task).toBe(task)
    expect(state.updatedAt).toBe(5)
  })

  it('records a status event only when the status changes', () => {
    let entry = receive(createTaskEntry('t'), { id: 't', status: 2 }, 1)
    entry = receive(entry, { id: 't', status: 2, logs: 'x' }, 2)
    entry = receive(entry, { id: 't', status: 'running' }, 3)

    expect(entry.state.events).toEqual([
      { status: TaskStatus.QUEUED, at: 1 },
      { status: TaskStatus.RUNNING, at: 3 },
    ])
  })

  it('keeps the last log progress while newer lines carry none', () => {
    let entry = receive(createTaskEntry('t'), { id: 't', status: 7, logs: '50%|█| 5/10\n' })
    const first = entry.state.progress
    entry = receive(entry, { id: 't', status: 7, logs: '50%|█| 5/10\nsaving\n' })

    expect(entry.state.progress).toBe(first)
    expect(entry.state.progress?.percent).toBe(50)
  })

  it('prefers the task progress field to the logs', () => {
    const task = { id: 't', status: 7, logs: '50%|█| 5/10\n', progress: { percent: 80 } }
    expect(receive(createTaskEntry('t'), task).state.progress?.percent).toBe(80)
  })

  it('sets a TaskFailedError carrying the server message when the task fails', () => {
    const { state } = receive(createTaskEntry('t'), { id: 't', status: 11, error: 'out of memory' })
    expect(state.error).toBeInstanceOf(TaskFailedError)
    expect(state.error?.message).toContain('out of memory')
  })

  it('tracks the connection and returns the same entry when it does not change', () => {
    const entry = taskReducer(createTaskEntry('t'), {
      type: 'connection-changed',
      connection: 'open',
      at: 1,
    })
    expect(entry.state.connection).toBe('open')
    expect(taskReducer(entry, { type: 'connection-changed', connection: 'open', at: 2 })).toBe(
      entry,
    )
  })

  it('keeps a stream failure as the error and closes the connection', () => {
    const error = new Error('gone')
    const { state } = taskReducer(createTaskEntry('t'), { type: 'stream-failed', error, at: 1 })
    expect(state.error).toBe(error)
    expect(state.connection).toBe('closed')
  })

  it('caps the log and counts what it dropped', () => {
    const entry = receive(createTaskEntry('t', 2), { id: 't', status: 7, logs: 'a\nb\nc\n' })
    expect(entry.state.logs.map((line) => line.text)).toEqual(['b', 'c'])
    expect(entry.state.droppedLines).toBe(1)
  })
})
