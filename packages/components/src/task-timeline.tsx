'use client'

import { isTerminal, type TaskState } from '@taskstream/core'
import { useTask } from '@taskstream/react'
import type { ComponentPropsWithRef } from 'react'
import { classNames } from './class-names'
import { formatDuration, isoDuration } from './format-duration'
import { statusLabel, statusPhase } from './status-phase'
import { taskPhases } from './task-phases'
import { useNow } from './use-now'

/** Props of `TaskTimeline`; other props go to the root `<div>`. */
export interface TaskTimelineProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** The task to show, as plain data; ignored with `taskId`. */
  task?: TaskState
  /** Follows this task live (inside `TaskStreamProvider`). */
  taskId?: string
  /** The accessible name of the list of changes. Default `'Status changes'`. */
  label?: string
}

const selectEvents = (state: TaskState) => state.events

function LiveTaskTimeline({ taskId, ...rest }: TaskTimelineProps & { taskId: string }) {
  const events = useTask(taskId, selectEvents)
  const status = events?.at(-1)?.status ?? 0
  const task = { id: taskId, status, events: events ?? [] }
  return <TaskTimelineView {...rest} task={task} />
}

interface TimelineTask {
  id: string
  status: number
  events: TaskState['events']
}

function TaskTimelineView({
  task,
  label = 'Status changes',
  className,
  ...rest
}: Omit<TaskTimelineProps, 'task' | 'taskId'> & { task: TimelineTask }) {
  const running = task.events.length > 0 && !isTerminal(task.status)
  const now = useNow(running)
  const phases = taskPhases(task.events, now)
  const start = task.events[0]?.at ?? 0

  return (
    <div
      {...rest}
      className={classNames('ts-timeline', className)}
      data-state={task.events.length === 0 ? 'empty' : running ? 'running' : 'ended'}
    >
      <dl className="ts-timeline-phases">
        {phases.map((phase) => (
          <div key={phase.name} className="ts-timeline-phase" data-state={phase.state}>
            <dt>{phase.label}</dt>
            <dd>
              <time dateTime={isoDuration(phase.ms)}>
                {phase.state === 'pending' || phase.state === 'skipped'
                  ? '–'
                  : formatDuration(phase.ms)}
              </time>
            </dd>
          </div>
        ))}
      </dl>

      <ol className="ts-timeline-events" aria-label={label}>
        {task.events.map((event, index) => {
          const next = task.events[index + 1]
          const until = next?.at ?? (isTerminal(event.status) ? null : now)
          return (
            <li
              // Status changes only append; the index is the change's identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={index}
              className="ts-timeline-event"
              data-phase={statusPhase(event.status)}
            >
              <span className="ts-timeline-status">{statusLabel(event.status)}</span>
              <time className="ts-timeline-at" dateTime={new Date(event.at).toISOString()}>
                +{formatDuration(event.at - start)}
              </time>
              {until !== null && (
                <span className="ts-timeline-took">
                  <span className="ts-visually-hidden">for </span>
                  <time dateTime={isoDuration(until - event.at)}>
                    {formatDuration(until - event.at)}
                  </time>
                </span>
              )}
            </li>
          )
        })}
      </ol>
    </div>
  )
}

/**
 * A task's status changes in order, each with when it came and how long it lasted, under
 * the time spent in each phase: queue, set-up, run and upload.
 */
export function TaskTimeline({ taskId, task, ...rest }: TaskTimelineProps) {
  if (taskId !== undefined) return <LiveTaskTimeline {...rest} taskId={taskId} />
  const shown = task ?? { id: '', status: 0, events: [] }
  return <TaskTimelineView {...rest} task={shown} />
}
