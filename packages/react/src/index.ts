'use client'

export {
  type TaskStreamContextValue,
  useTaskStore,
  useTaskStreamClient,
} from './context'
export { MissingProviderError } from './missing-provider-error'
export type { RunArgument } from './run-params'
export { taskQueryKey } from './task-query'
export { TaskStreamProvider, type TaskStreamProviderProps } from './task-stream-provider'
export { cancelMutationKey, useCancelTask } from './use-cancel-task'
export { type UseRunOptions, type UseRunResult, useRun } from './use-run'
export { type UseTaskOptions, useTask } from './use-task'
export type { TaskCallbacks } from './use-task-callbacks'
export type { Equality, TaskSelector } from './use-task-selection'
