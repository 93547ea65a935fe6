import { isTerminal, type Task, type TaskState, TaskStatus } from '@taskstream/core'

/** The part of a TanStack mutation result the flags are read from. */
interface RunRequest {
  isIdle: boolean
  isPending: boolean
  error: Error | null
  data: Task | undefined
}

/**
 * Reads `useRun`'s flags from its run request and its task's state. Exactly one is true at a
 * time: idle, pending (request in flight), running, or one of the three endings.
 */
export function runFlags(request: RunRequest, state: TaskState | null) {
  const error = request.error ?? state?.error ?? null
  const status = state?.status
  const ended = status !== undefined && isTerminal(status)

  return {
    error,
    isIdle: request.isIdle,
    isPending: request.isPending,
    isRunning: request.data !== undefined && !ended && error === null,
    isSuccess: status === TaskStatus.COMPLETED && error === null,
    isError: error !== null,
    isCancelled: status === TaskStatus.CANCELLED && error === null,
  }
}
