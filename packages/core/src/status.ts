/** Task status numbers, from the inference.sh status table. */
export const TaskStatus = {
  UNKNOWN: 0,
  RECEIVED: 1,
  QUEUED: 2,
  SCHEDULED: 3,
  PREPARING: 4,
  SERVING: 5,
  SETTING_UP: 6,
  RUNNING: 7,
  UPLOADING: 8,
  COMPLETED: 10,
  FAILED: 11,
  CANCELLED: 12,
  /** Only from servers on the newer table, whose 8 means a cancel is under way. */
  CANCELLING: 13,
} as const

/** A status number the kit knows, or UNKNOWN (0) for anything else. */
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus]

/** The name of a status, such as `'RUNNING'`. */
export type TaskStatusName = keyof typeof TaskStatus

/** Which numbering a server uses: the seed's table, or the newer one with CANCELLING at 8. */
export type StatusTable = 'classic' | 'v2'

const names = new Map<number, TaskStatusName>(
  Object.entries(TaskStatus).map(([name, value]) => [value, name as TaskStatusName]),
)

const byName = new Map<string, TaskStatus>(
  Object.entries(TaskStatus).map(([name, value]) => [name.toLowerCase(), value]),
)

/** Returns the name of a status number, `'UNKNOWN'` for a value outside the table. */
export function statusName(status: number): TaskStatusName {
  return names.get(status) ?? 'UNKNOWN'
}

/** Whether a status ends the task: COMPLETED, FAILED or CANCELLED. */
export function isTerminal(status: number): boolean {
  return (
    status === TaskStatus.COMPLETED ||
    status === TaskStatus.FAILED ||
    status === TaskStatus.CANCELLED
  )
}

/**
 * Reads a status from the wire: a number from the table, or a name such as `"running"`.
 * Anything else reads as UNKNOWN, which is never terminal.
 */
export function parseStatus(value: unknown, table: StatusTable = 'classic'): TaskStatus {
  if (typeof value === 'string') {
    const key = value.trim().toLowerCase().replace(/[\s-]/g, '_')
    return byName.get(key) ?? TaskStatus.UNKNOWN
  }

  if (typeof value !== 'number' || !Number.isInteger(value)) return TaskStatus.UNKNOWN

  // Newer servers number UPLOADING 9 and use 8 for CANCELLING, which is not terminal.
  if (value === 9) return TaskStatus.UPLOADING
  if (value === 8 && table === 'v2') return TaskStatus.CANCELLING
  if (value === TaskStatus.CANCELLING || value === TaskStatus.UNKNOWN) return TaskStatus.UNKNOWN
  return names.has(value) ? (value as TaskStatus) : TaskStatus.UNKNOWN
}
