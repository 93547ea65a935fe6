'use client'

import { isTerminal, type Task, type TaskState, type TaskStore } from '@taskstream/core'
import { type RefObject, useEffect, useRef } from 'react'

/** What a followed task reports back, each called after React has committed. */
export interface TaskCallbacks {
  /** Called with the merged task each time it changes (at most once per store notification). */
  onUpdate?: (task: Task) => void
  /** Called with the merged task and the names of the top-level fields that changed. */
  onPartialUpdate?: (task: Task, fields: string[]) => void
  /** Called once per task when it reaches COMPLETED, FAILED or CANCELLED, with its final state. */
  onComplete?: (state: TaskState) => void
  /** Called once per distinct error: a run or cancel request, the task, or its stream failed. */
  onError?: (error: Error) => void
}

interface Seen {
  taskId: string
  task: Task | null
  error: Error | null
  completed: boolean
}

function changedFields(before: Task | null, after: Task): string[] {
  if (before === null) return Object.keys(after)
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...keys].filter((key) => before[key] !== after[key])
}

function sameError(error: Error, seen: Error | null): boolean {
  return seen !== null && seen.name === error.name && seen.message === error.message
}

function report(state: TaskState, seen: Seen, callbacks: TaskCallbacks) {
  if (state.task && state.task !== seen.task) {
    const fields = changedFields(seen.task, state.task)
    seen.task = state.task
    callbacks.onUpdate?.(state.task)
    if (fields.length > 0) callbacks.onPartialUpdate?.(state.task, fields)
  }

  // The store may hand out a new error object for the same failure, so compare what it says.
  if (state.error && !sameError(state.error, seen.error)) {
    seen.error = state.error
    callbacks.onError?.(state.error)
  }

  if (isTerminal(state.status) && !seen.completed) {
    seen.completed = true
    callbacks.onComplete?.(state)
  }
}

/**
 * Calls the latest callbacks as a task's state changes in the store. What was reported is kept
 * per task id across effect re-runs, so StrictMode or a re-subscription never reports twice.
 */
export function useTaskCallbacks(
  store: TaskStore,
  taskId: string | null,
  callbacks: RefObject<TaskCallbacks>,
) {
  const seen = useRef<Seen | null>(null)

  useEffect(() => {
    if (taskId === null) return
    if (seen.current?.taskId !== taskId) {
      seen.current = { taskId, task: null, error: null, completed: false }
    }
    const reported = seen.current

    const check = () => {
      const state = store.getState().tasks[taskId]
      if (state) report(state, reported, callbacks.current)
    }

    check()
    return store.subscribe(check)
  }, [store, taskId, callbacks])
}
