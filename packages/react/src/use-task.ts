'use client'

import type { TaskState } from '@taskstream/core'
import { useFollowTask } from './use-follow-task'
import { type Equality, type TaskSelector, useTaskSelection } from './use-task-selection'

/** Options of `useTask` as one object. */
export interface UseTaskOptions<Selected> {
  /** Picks what the component renders from the task's state (default: the whole state). */
  select?: TaskSelector<Selected>
  /** Tells two selections apart, so an equal one does not re-render (default `Object.is`). */
  equality?: Equality<Selected>
  /**
   * `false` reads what the store already knows without following the task: no connection and
   * no query (default `true`).
   */
  enabled?: boolean
}

const wholeState: TaskSelector<unknown> = (state) => state

/**
 * The live state of an existing task, followed while the component is mounted. `undefined`
 * until the store knows the task, and for a `null` or `undefined` id (which follows nothing).
 */
export function useTask(taskId: string | null | undefined): TaskState | undefined

/**
 * A slice of a task's live state: re-renders only when the selection changes (by `Object.is`,
 * or by `equality` when given). `undefined` while the store does not know the task.
 */
export function useTask<Selected>(
  taskId: string | null | undefined,
  selector: TaskSelector<Selected>,
  equality?: Equality<Selected>,
): Selected | undefined

/** A task's state, or a slice of it through `select`, following it only while `enabled`. */
export function useTask<Selected = TaskState>(
  taskId: string | null | undefined,
  options: UseTaskOptions<Selected>,
): Selected | undefined

export function useTask(
  taskId: string | null | undefined,
  selectorOrOptions: TaskSelector<unknown> | UseTaskOptions<unknown> = wholeState,
  equality: Equality<unknown> = Object.is,
): unknown {
  const options =
    typeof selectorOrOptions === 'function'
      ? { select: selectorOrOptions, equality }
      : selectorOrOptions
  const { select = wholeState, enabled = true } = options

  const store = useFollowTask('useTask', taskId, enabled)
  return useTaskSelection(store, taskId, select, options.equality ?? Object.is)
}
