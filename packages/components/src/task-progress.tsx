'use client'

import {
  createTaskEntry,
  isTerminal,
  type Progress,
  type TaskState,
  TaskStatus,
} from '@taskstream/core'
import { useCancelTask, useTask } from '@taskstream/react'
import type { ComponentPropsWithRef } from 'react'
import { AnsiText } from './ansi-text'
import { CancelButton } from './cancel-button'
import { classNames } from './class-names'
import { elapsedRange } from './elapsed-range'
import { formatDuration, isoDuration } from './format-duration'
import { mediaKind } from './media-kind'
import { ProgressBar } from './progress-bar'
import { resultParts } from './result-parts'
import { ResultViewer } from './result-viewer'
import { safeUrl } from './safe-url'
import { StatusBadge } from './status-badge'
import { statusLabel } from './status-phase'
import { type TaskPhaseState, taskPhases } from './task-phases'
import { useNow } from './use-now'
import { usePageUrl } from './use-page-url'
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

/** Items per second: the log's own rate, else the average since the task started running. */
function progressRate(state: TaskState, now: number): number | null {
  if (state.progress?.rate !== undefined) return state.progress.rate
  const current = state.progress?.current
  const started = state.events.find((event) => event.status === TaskStatus.RUNNING)?.at
  if (current == null || started === undefined) return null
  const seconds = ((isTerminal(state.status) ? state.updatedAt : now) - started) / 1000
  return seconds > 0 && current > 0 ? current / seconds : null
}

// Known limit: without a rate from the log, the rate shown is the average since RUNNING began
// (not a recent window); the ETA falls back to it only when the server or log gives none.
/** The figures of known progress: percent, current of total, rate and time left. */
function progressFigures(progress: Progress | null, rate: number | null): string[] {
  if (progress === null) return []

  const parts = [`${Math.round(progress.percent)}%`]
  const { current, total } = progress
  if (current != null && total != null) parts.push(`${current} of ${total}`)
  if (rate !== null) parts.push(`${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s`)

  const left = current != null && total != null && rate ? (total - current) / rate : null
  const eta = progress.eta ?? left
  if (eta != null && eta > 0) parts.push(`about ${formatDuration(eta * 1000)} left`)
  return parts
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
  return { ...createTaskEntry(id).state, connection: 'connecting' }
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

/** The compact variant's glimpse of the result: the first image, else the start of the text. */
function Preview({ output }: { output: unknown }) {
  const page = usePageUrl()
  const part = resultParts(output)[0]
  const file = part?.kind === 'file' ? part.file : part?.kind === 'gallery' ? part.files[0] : null
  const image = file && mediaKind(file) === 'image' ? safeUrl(file.uri, 'image', page) : null

  if (image) return <img className="ts-task-thumb" src={image} alt="Result preview" />
  if (part?.kind !== 'text' && part?.kind !== 'markdown') return null
  return <div className="ts-task-preview">{part.text.slice(0, 140)}</div>
}

function Steps({ state }: { state: TaskState }) {
  const now = useNow(!isTerminal(state.status))
  // A task first seen mid-way, or built by hand, may have a status its events do not show yet.
  const last = state.events.at(-1)
  const events =
    last?.status === state.status
      ? state.events
      : [...state.events, { status: state.status, at: Math.max(last?.at ?? 0, state.updatedAt) }]
  const phases = taskPhases(events, now)

  return (
    <ol className="ts-task-steps" aria-label="Steps">
      {phases.map((phase) => (
        <li
          key={phase.name}
          className="ts-task-step"
          data-state={phase.state}
          aria-current={phase.state === 'active' ? 'step' : undefined}
        >
          {phase.label}
          <span className="ts-visually-hidden">{`, ${stepWords[phase.state]}`}</span>
        </li>
      ))}
    </ol>
  )
}

const stepWords: Record<TaskPhaseState, string> = {
  pending: 'to come',
  active: 'under way',
  done: 'done',
  skipped: 'skipped',
  failed: 'failed',
  cancelled: 'cancelled',
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
  const now = useNow(state.progress !== null && !terminal)
  const figures = progressFigures(state.progress, progressRate(state, now))

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

      {full && <Steps state={state} />}

      {value !== 'hidden' && (
        <ProgressBar
          value={value}
          label="Task progress"
          getValueText={(bar) => (figures.length > 0 ? figures.join(', ') : `${Math.round(bar)}%`)}
        />
      )}

      {figures.length > 0 && !terminal && (
        <div className="ts-task-figures" aria-hidden="true">
          {figures.join(' · ')}
        </div>
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

      {state.status === TaskStatus.COMPLETED &&
        state.output !== null &&
        (full ? <ResultViewer output={state.output} /> : <Preview output={state.output} />)}

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
