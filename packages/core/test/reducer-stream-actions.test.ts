import { describe, expect, it } from 'vitest'
import { createTaskEntry, StreamError, TaskStatus, taskReducer } from '../src/index'

describe('taskReducer, stream actions', () => {
  it('shows a skipped event as the error until the next update heals it', () => {
    const error = new StreamError('malformed-event', 'Skipped an update', 't')
    let entry = createTaskEntry('t')
    entry = taskReducer(entry, { type: 'task-received', task: { id: 't', status: 7 }, at: 1 })
    entry = taskReducer(entry, { type: 'event-skipped', error, at: 2 })

    expect(entry.state.error).toBe(error)
    expect(entry.state.status).toBe(TaskStatus.RUNNING)

    entry = taskReducer(entry, { type: 'task-received', task: { id: 't', status: 10 }, at: 3 })
    expect(entry.state.error).toBeNull()
    expect(entry.state.status).toBe(TaskStatus.COMPLETED)
  })

  it('records the transport a fallback moved to, and changes nothing when it is the same', () => {
    const entry = taskReducer(createTaskEntry('t'), {
      type: 'transport-changed',
      transport: 'ndjson',
      at: 1,
    })

    expect(entry.state.transport).toBe('ndjson')
    expect(taskReducer(entry, { type: 'transport-changed', transport: 'ndjson', at: 2 })).toBe(
      entry,
    )
  })
})
