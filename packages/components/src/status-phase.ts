import { parseStatus, statusName, type TaskStatusName } from '@taskstream/core'

/** The phase a status belongs to, which sets its colour. */
export type StatusPhase = 'queued' | 'setup' | 'running' | 'done' | 'failed' | 'cancelled'

const phases: Record<TaskStatusName, StatusPhase> = {
  UNKNOWN: 'queued',
  RECEIVED: 'queued',
  QUEUED: 'queued',
  SCHEDULED: 'queued',
  PREPARING: 'setup',
  SERVING: 'setup',
  SETTING_UP: 'setup',
  RUNNING: 'running',
  UPLOADING: 'running',
  COMPLETED: 'done',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  CANCELLING: 'cancelled',
}

/** Reads a status number or name (`7`, `'RUNNING'`, `'running'`) as its enum name. */
export function toStatusName(status: number | string): TaskStatusName {
  return statusName(parseStatus(status))
}

/** The phase of a status: `'running'` for RUNNING and UPLOADING, `'done'` for COMPLETED… */
export function statusPhase(status: number | string): StatusPhase {
  return phases[toStatusName(status)]
}

/** The name people read for a status: `'Running'`, `'Setting up'`, `'Unknown'`. */
export function statusLabel(status: number | string): string {
  const name = toStatusName(status).toLowerCase().replace(/_/g, ' ')
  return name.charAt(0).toUpperCase() + name.slice(1)
}
