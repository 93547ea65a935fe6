import { parseStatus, statusName, type TaskState, type TaskStatus } from '@taskstream/core'

/** What a test may set on a fixture; `status` also takes a name such as `'running'`. */
export type TaskStateOverrides = Partial<Omit<TaskState, 'status' | 'statusName'>> & {
  status?: TaskStatus | string
}

/** The fixture start time: events are placed from here, in ms. */
export const fixtureStart = Date.UTC(2025, 0, 1, 12, 0, 0)

/**
 * Builds a `TaskState` as the store would hold it, RUNNING unless told otherwise, with a
 * status event at `fixtureStart`. Every component test builds its tasks through this.
 */
export function taskState(overrides: TaskStateOverrides = {}): TaskState {
  const { status: rawStatus = 'running', ...rest } = overrides
  const status = parseStatus(rawStatus)
  const id = rest.id ?? 'task_1'

  return {
    id,
    status,
    statusName: statusName(status),
    task: { id, app: 'local/image', status },
    logs: [],
    droppedLines: 0,
    output: null,
    error: null,
    progress: null,
    connection: 'open',
    events: [{ status, at: fixtureStart }],
    updatedAt: fixtureStart,
    ...rest,
  }
}
