'use client'

import { useMutation } from '@tanstack/react-query'
import type {
  LogLine,
  Progress,
  RunParams,
  Task,
  TaskState,
  TaskStatus,
  TaskStatusName,
} from '@taskstream/core'
import { useCallback, useLayoutEffect, useRef } from 'react'
import { useTaskStreamContext } from './context'
import { runFlags } from './run-flags'
import { type RunArgument, runKey, toRunParams } from './run-params'
import { cancelMutationKey } from './use-cancel-task'
import { useTask } from './use-task'
import { type TaskCallbacks, useTaskCallbacks } from './use-task-callbacks'

/** Options of `useRun`. Callbacks are read when called, so changing them never reconnects. */
export interface UseRunOptions<Input> extends TaskCallbacks {
  /** The app to run, such as `'infsh/flux'` or `'local/text'`. */
  app: string
  /** The input sent when `run()` is given none. Defaults to `{}`. */
  input?: Input
}

/** What `useRun` returns: the run's controls and the live state of its task. */
export interface UseRunResult<Input> {
  /** Starts a task; resolves with the created task, or `undefined` on failure. Never rejects. */
  run: (argument?: RunArgument<Input>) => Promise<Task | undefined>
  /** Starts a task; resolves with the created task and rejects like `client.run`. */
  runAsync: (argument?: RunArgument<Input>) => Promise<Task>
  /** Cancels the task (after the run request, if in flight); `undefined` if none or refused. */
  cancel: () => Promise<Task | undefined>
  /** Forgets the run and its task and goes back to idle; the task itself is not cancelled. */
  reset: () => void
  /** The id of the task being followed, or `null` before the server has created it. */
  taskId: string | null
  /** The task's live state, or `null` before the server has created it. */
  task: TaskState | null
  /** The task's status number, or `null` without a task. */
  status: TaskStatus | null
  /** The task's status name, such as `'RUNNING'`, or `null` without a task. */
  statusName: TaskStatusName | null
  /** The task's log lines so far (empty without a task). */
  logs: readonly LogLine[]
  /** The task's output, or `null` until it has one. */
  output: Record<string, unknown> | null
  /** How far the task has got, or `null` when unknown. */
  progress: Progress | null
  /** Why the run failed: the run request's error, else the task's. `null` when all is well. */
  error: Error | null
  /** No run has started yet (or `reset` was called). */
  isIdle: boolean
  /** The run request is in flight: the server has not created the task yet. */
  isPending: boolean
  /** The task exists, has not reached a terminal status and has no error. */
  isRunning: boolean
  /** The task is COMPLETED. */
  isSuccess: boolean
  /** The run request failed, the task FAILED, or its stream gave up (see `error`). */
  isError: boolean
  /** The task was CANCELLED. */
  isCancelled: boolean
}

const noLogs: readonly LogLine[] = Object.freeze([])

/**
 * Runs an app and follows its task live. `run` posts the task (a TanStack mutation), then the
 * hook follows it through the task store until it ends; running again follows the new task.
 */
export function useRun<Input = Record<string, unknown>>(
  options: UseRunOptions<Input>,
): UseRunResult<Input> {
  const { client, store } = useTaskStreamContext('useRun')

  const latest = useRef(options)
  useLayoutEffect(() => {
    latest.current = options
  })

  // The request side: post the task, seed the store with it, report a failure.
  const mutation = useMutation({
    mutationKey: ['taskstream', 'run', options.app],
    mutationFn: async (params: RunParams<Input>) => {
      const task = await client.run(params, { wait: false })
      store.getState().track(task)
      return task
    },
    onError: (error) => latest.current.onError?.(error),
  })

  const cancelMutation = useMutation({
    mutationKey: cancelMutationKey,
    mutationFn: (taskId: string) => client.cancel(taskId),
    onError: (error) => latest.current.onError?.(error),
  })

  // The same request while one is in flight shares it: StrictMode's doubled effects, or a
  // double click, post the task once.
  const inflight = useRef<{ key: string | undefined; promise: Promise<Task> } | null>(null)
  const { mutateAsync, reset: resetMutation } = mutation

  const runAsync = useCallback(
    (argument?: RunArgument<Input>) => {
      const params = toRunParams(latest.current, argument)
      const key = runKey(params)
      const current = inflight.current
      if (current && key !== undefined && current.key === key) return current.promise

      const promise = mutateAsync(params)
      const settle = () => {
        if (inflight.current?.promise === promise) inflight.current = null
      }
      promise.then(settle, settle)
      inflight.current = { key, promise }
      return promise
    },
    [mutateAsync],
  )

  const run = useCallback(
    (argument?: RunArgument<Input>) => runAsync(argument).catch(() => undefined),
    [runAsync],
  )

  // The stream side: follow the created task and report its changes.
  const taskId = mutation.data?.id ?? null
  const state = useTask(taskId) ?? null
  useTaskCallbacks(store, taskId, latest)

  const { mutateAsync: cancelAsync } = cancelMutation
  const cancel = useCallback(async () => {
    const pending = taskId === null ? await inflight.current?.promise.catch(() => undefined) : null
    const id = taskId ?? pending?.id
    if (id === undefined) return undefined
    return cancelAsync(id).catch(() => undefined)
  }, [taskId, cancelAsync])

  const reset = useCallback(() => {
    inflight.current = null
    resetMutation()
  }, [resetMutation])

  return {
    run,
    runAsync,
    cancel,
    reset,
    taskId,
    task: state,
    ...runFlags(mutation, state),
    status: state?.status ?? null,
    statusName: state?.statusName ?? null,
    logs: state?.logs ?? noLogs,
    output: state?.output ?? null,
    progress: state?.progress ?? null,
  }
}
