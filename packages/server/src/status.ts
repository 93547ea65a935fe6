/** The seed's task status table, as the local server numbers it on the wire. */
export const Status = {
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
} as const

/** The name of a status of the seed table, such as `'RUNNING'`. */
export type StatusName = keyof typeof Status

/** A status an app may move its task to; the server alone sets the terminal ones. */
export type PhaseName = Exclude<StatusName, 'COMPLETED' | 'FAILED' | 'CANCELLED'>

/** Whether a status number ends the task. */
export function isTerminalStatus(status: number): boolean {
  return status === Status.COMPLETED || status === Status.FAILED || status === Status.CANCELLED
}
