'use client'

import type { LogLine, TaskState } from '@taskstream/core'
import { useTask } from '@taskstream/react'
import { type ComponentPropsWithRef, memo, useMemo, useRef } from 'react'
import { AnsiText } from './ansi-text'
import { classNames } from './class-names'
import { mergeRefs } from './merge-refs'
import { useFollowTail } from './use-follow-tail'
import { useLogText } from './use-log-text'

/** Props of `LogConsole`; other props go to the root `<div role="log">`. */
export interface LogConsoleProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** The lines to show, as the store keeps them (ANSI codes included). */
  lines?: readonly LogLine[]
  /** Raw terminal output to show instead of `lines`; `\r` rewrites the current line. */
  text?: string
  /** Follows this task's live log (inside `TaskStreamProvider`); `lines` and `text` are ignored. */
  taskId?: string
  /** How many earlier lines were dropped to bound memory, shown as a marker. Default: none. */
  droppedLines?: number
  /** The accessible name of the log. Default `'Task log'`. */
  label?: string
}

const noLines: readonly LogLine[] = []

const selectLogs = (state: TaskState) => state.logs
const selectDroppedLines = (state: TaskState) => state.droppedLines

const LogRow = memo(function LogRow({ text }: { text: string }) {
  return (
    <div className="ts-log-line">
      <AnsiText text={text} />
    </div>
  )
})

function LiveLogConsole({ taskId, ...rest }: LogConsoleProps & { taskId: string }) {
  const lines = useTask(taskId, selectLogs) ?? noLines
  const droppedLines = useTask(taskId, selectDroppedLines) ?? 0

  return <LogConsoleView {...rest} lines={lines} droppedLines={droppedLines} />
}

// Known limit: every line is a DOM row (no virtualisation yet); the line cap (10,000, as in
// the store) bounds it, but thousands of rows still make each update slow.
function LogConsoleView({
  lines,
  text,
  droppedLines,
  label = 'Task log',
  className,
  ref,
  ...rest
}: Omit<LogConsoleProps, 'taskId'>) {
  const scroller = useRef<HTMLDivElement | null>(null)
  const textLog = useLogText(lines === undefined ? text : undefined)
  const rows = lines ?? textLog?.lines ?? noLines
  const dropped = droppedLines ?? textLog?.droppedLines ?? 0
  const { following, onScroll, jumpToLatest } = useFollowTail(scroller, rows)
  const setRef = useMemo(() => mergeRefs(scroller, ref), [ref])

  return (
    <div
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take keyboard focus
      tabIndex={0}
      {...rest}
      ref={setRef}
      role="log"
      aria-live="off"
      className={classNames('ts-log', className)}
      data-state={following ? 'following' : 'paused'}
      onScroll={(event) => {
        onScroll()
        rest.onScroll?.(event)
      }}
    >
      {dropped > 0 && (
        <div className="ts-log-dropped" data-dropped={dropped}>
          {dropped === 1 ? '1 earlier line dropped' : `${dropped} earlier lines dropped`}
        </div>
      )}

      {rows.map((line) => (
        <LogRow key={line.id} text={line.text} />
      ))}

      {!following && (
        <button
          type="button"
          className="ts-log-jump"
          onClick={() => {
            // The button goes away with the click; keep keyboard focus on the log.
            jumpToLatest()
            scroller.current?.focus()
          }}
        >
          Jump to latest
        </button>
      )}
    </div>
  )
}

/**
 * A terminal-style log: ANSI colours, `\r` rewrites, following the tail until the user
 * scrolls up (then a "Jump to latest" button), and a marker for dropped early lines.
 */
export function LogConsole({ taskId, ...rest }: LogConsoleProps) {
  if (taskId !== undefined) return <LiveLogConsole {...rest} taskId={taskId} />
  return <LogConsoleView {...rest} />
}
