'use client'

import { isTerminal, type Progress, type TaskState, TaskStatus } from '@taskstream/core'
import { useCancelTask, useTask } from '@taskstream/react'
import type { ComponentPropsWithRef } from 'react'
import { AnsiText } from './ansi-text'
import { CancelButton } from './cancel-button'
import { classNames } from './class-names'
import { elapsedRange } from './elapsed-range'
import { formatDuration, isoDuration } from './format-duration'
import { ProgressBar } from './progress-bar'
import { ResultViewer } from './result-viewer'
import { StatusBadge } from './status-badge'
import { statusLabel } from './status-phase'
import { useNow } from './use-now'
import { warnOnce } from './warn-once'

/** Props of `TaskProgress` common to both sources; other props go to the root `<div>`. */
export interface TaskProgressBaseProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** Called by the Cancel button. Default with `taskId`: cancel through `useCancelTask`. */
  onCancel?: (taskId: string) => unknown
  /** `full` shows the latest log line and the result; `compact` is one row. Default `'full'`. */
  variant?: 'compact' | 'full'
}

/** Props of `TaskProgress`: a live `taskId` (inside `TaskStreamProvider`) or a plain `task`. */
export type TaskProgressProps = TaskProgressBaseProps &
  (
    | {
        /** Follows this task live through `useTask`. */
        taskId: string
        /** Not used with `taskId`. */
        task?: undefined
      }
    | {
        /** The task to show, as plain data. */
        task: TaskState
        /** Not used with `task`. */
        taskId?: undefined
      }
  )

function progressText(progress: Progress | null) {
  return (value: number, max: number) => {
    const parts = [`${Math.round((value / max) * 100)}%`]
    if (progress?.current != null && progress.total != null) {
      parts.push(`${progress.current} of ${progress.total}`)
    }
    if (progress?.eta != null) parts.push(`about ${formatDuration(progress.eta * 1000)} left`)
    return parts.join(', ')
  }
}

/** The bar's value: full when done, the known percent, else unknown while the task runs. */
function barValue(state: TaskState): number | null | 'hidden' {
  if (state.status === TaskStatus.COMPLETED) return 100
  if (state.progress) return state.progress.percent
  return isTerminal(state.status) ? 'hidden' : null
}

/** The message to show in the alert, if any: the server's own words first. */
function errorMessage(state: TaskState): string | null {
  const serverMessage = typeof state.task?.error === 'string' ? state.task.error : null
  if (state.status === TaskStatus.FAILED) {
    return serverMessage || state.error?.message || 'The task failed.'
  }

  const quiet = state.status === TaskStatus.COMPLETED || state.status === TaskStatus.CANCELLED
  return quiet ? null : (state.error?.message ?? null)
}

function Elapsed({ state }: { state: TaskState }) {
  const range = elapsedRange(state)
  const now = useNow(range !== null && range.end === null)
  if (range === null) return null

  const ms = (range.end ?? Math.max(now, range.start)) - range.start
  return (
    <span className="ts-task-elapsed">
      <span className="ts-visually-hidden">Elapsed </span>
      <time dateTime={isoDuration(ms)}>{formatDuration(ms)}</time>
    </span>
  )
}

/** What to show before the store knows a followed task: an unknown status, nothing else. */
function unknownTask(id: string): TaskState {
  return {
    id,
    status: TaskStatus.UNKNOWN,
    statusName: 'UNKNOWN',
    task: null,
    logs: [],
    droppedLines: 0,
    output: null,
    error: null,
    progress: null,
    connection: 'connecting',
    events: [],
    updatedAt: 0,
  }
}

function LiveTaskProgress({
  taskId,
  onCancel,
  ...rest
}: TaskProgressBaseProps & { taskId: string }) {
  const task = useTask(taskId) ?? unknownTask(taskId)
  const cancelTask = useCancelTask()

  return <TaskProgressView {...rest} task={task} onCancel={onCancel ?? cancelTask} />
}

function TaskProgressView({
  task: state,
  onCancel,
  variant = 'full',
  className,
  ...rest
}: TaskProgressBaseProps & { task: TaskState }) {
  const terminal = isTerminal(state.status)
  const value = barValue(state)
  const error = errorMessage(state)
  const latest = state.logs.at(-1)
  const full = variant === 'full'
  const cancellable = !terminal && state.status !== TaskStatus.CANCELLING

  return (
    <div
      {...rest}
      className={classNames('ts-task-progress', className)}
      data-state={state.statusName.toLowerCase()}
      data-task-id={state.id}
      data-variant={variant}
    >
      <div className="ts-task-header">
        <StatusBadge status={state.status} />
        <Elapsed state={state} />
        {cancellable && onCancel && <CancelButton onCancel={() => onCancel(state.id)} />}
      </div>

      {value !== 'hidden' && (
        <ProgressBar
          value={value}
          label="Task progress"
          getValueText={progressText(state.progress)}
        />
      )}

      {full && latest && (
        <div className="ts-task-log-line">
          <AnsiText text={latest.text} />
        </div>
      )}

      {error !== null && (
        <div className="ts-task-error" role="alert">
          {error}
        </div>
      )}

      {full && state.status === TaskStatus.COMPLETED && state.output !== null && (
        <ResultViewer output={state.output} />
      )}

      <div className="ts-visually-hidden" aria-live="polite" aria-atomic="true">
        {`Task ${statusLabel(state.status).toLowerCase()}`}
      </div>
    </div>
  )
}

/**
 * The drop-in view of one task: status, progress bar, elapsed time, latest log line, a
 * Cancel button while it runs, the error when it fails and the result when it is done.
 */
export function TaskProgress({ taskId, task, ...rest }: TaskProgressProps) {
  if (taskId !== undefined) return <LiveTaskProgress {...rest} taskId={taskId} />
  if (task === undefined) {
    warnOnce(
      'task-progress-source',
      'TaskProgress got neither `taskId` nor `task`; it renders nothing.',
    )
    return null
  }
  return <TaskProgressView {...rest} task={task} />
}
