'use client'

import type { TaskState } from '@taskstream/core'
import { useFollowTask } from './use-follow-task'
import { type Equality, type TaskSelector, useTaskSelection } from './use-task-selection'

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

export function useTask(
  taskId: string | null | undefined,
  selector: TaskSelector<unknown> = wholeState,
  equality: Equality<unknown> = Object.is,
): unknown {
  const store = useFollowTask('useTask', taskId)
  return useTaskSelection(store, taskId, selector, equality)
}
