'use client'

import { useVirtualizer } from '@tanstack/react-virtual'
import type { LogLine, TaskState } from '@taskstream/core'
import { useTask } from '@taskstream/react'
import {
  type ComponentPropsWithRef,
  type RefObject,
  useCallback,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { ansiPlainText } from './ansi-segments'
import { classNames } from './class-names'
import { LogChannelTabs } from './log-channel-tabs'
import { LogRow } from './log-row'
import { LogToolbar } from './log-toolbar'
import { copyText, downloadText } from './save-text'
import { useFollowTail } from './use-follow-tail'
import { useLogSearch } from './use-log-search'
import { useLogText } from './use-log-text'

/** A log line, optionally tagged with the channel (`setup`, `run`, …) it was written to. */
export interface LogConsoleLine extends LogLine {
  /** The channel of the line; lines with channels get a tab per channel. Default: none. */
  channel?: string
}

/** Props of `LogConsole`; other props go to the root `<div>`. */
export interface LogConsoleProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** The lines to show, as the store keeps them (ANSI codes included). */
  lines?: readonly LogConsoleLine[]
  /** Raw terminal output to show instead of `lines`; `\r` rewrites the current line. */
  text?: string
  /** Follows this task's live log (inside `TaskStreamProvider`); `lines` and `text` are ignored. */
  taskId?: string
  /** How many earlier lines were dropped to bound memory, shown as a marker. Default: none. */
  droppedLines?: number
  /** The accessible name of the log. Default `'Task log'`. */
  label?: string
  /** Lines longer than this many visible characters are cut until expanded. Default `2000`. */
  maxLineLength?: number
  /** Shows line numbers (counting dropped lines). Default `true`. */
  lineNumbers?: boolean
  /** Shows search, copy all and download above the lines. Default `true`. */
  toolbar?: boolean
  /** The file name of a download. Default `'task.log'`, or `'<taskId>.log'` with `taskId`. */
  filename?: string
}

const noLines: readonly LogConsoleLine[] = []

/** The row height when the stylesheet does not set `--ts-log-row-height`, in pixels. */
const defaultRowHeight = 19

/** Reads the row height from the stylesheet, so a custom font size keeps rows apart. */
function useRowHeight(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(defaultRowHeight)

  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    const css = Number.parseFloat(getComputedStyle(element).getPropertyValue('--ts-log-row-height'))
    if (css > 0) setHeight(css)
  }, [ref])

  return height
}

const selectLogs = (state: TaskState) => state.logs
const selectDroppedLines = (state: TaskState) => state.droppedLines

function LiveLogConsole({ taskId, ...rest }: LogConsoleProps & { taskId: string }) {
  const lines = useTask(taskId, selectLogs) ?? noLines
  const droppedLines = useTask(taskId, selectDroppedLines) ?? 0

  return (
    <LogConsoleView
      filename={`${taskId}.log`}
      {...rest}
      lines={lines}
      droppedLines={droppedLines}
    />
  )
}

/** The channels the lines carry, in order of first appearance; the same array while unchanged. */
function useChannels(lines: readonly LogConsoleLine[]): readonly string[] {
  const found = useMemo(() => {
    const names = new Set<string>()
    for (const line of lines) if (line.channel) names.add(line.channel)
    return [...names]
  }, [lines])
  const kept = useRef(found)
  if (kept.current.join('\n') !== found.join('\n')) kept.current = found
  return kept.current
}

/** The lines of one channel with their positions in the whole log, or all of them. */
function pickChannel(lines: readonly LogConsoleLine[], channel: string | null) {
  if (channel === null) return { rows: lines, numbers: null }
  const rows: LogConsoleLine[] = []
  const numbers: number[] = []
  lines.forEach((line, index) => {
    if (line.channel !== channel) return
    rows.push(line)
    numbers.push(index)
  })
  return { rows, numbers }
}

function LogConsoleView({
  lines,
  text,
  droppedLines,
  label = 'Task log',
  maxLineLength = 2000,
  lineNumbers = true,
  toolbar = true,
  filename = 'task.log',
  className,
  ...rest
}: Omit<LogConsoleProps, 'taskId'>) {
  const scroller = useRef<HTMLDivElement | null>(null)
  const textLog = useLogText(lines === undefined ? text : undefined)
  const all = lines ?? textLog?.lines ?? noLines
  const dropped = droppedLines ?? textLog?.droppedLines ?? 0
  const logId = useId()
  const [channel, setChannel] = useState<string | null>(null)
  const channels = useChannels(all)
  const shown = channel !== null && channels.includes(channel) ? channel : null
  const { rows, numbers } = useMemo(() => pickChannel(all, shown), [all, shown])
  const { following, onScroll, jumpToLatest } = useFollowTail(scroller, rows)
  const search = useLogSearch(rows)
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set())
  const rowHeight = useRowHeight(scroller)

  // Only the rows in view (and a few either side) are in the DOM, whatever the log's length.
  // Rows are one fixed-height line each, so nothing is measured; only an expanded long
  // line wraps, and only that row is measured.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 10,
    // A log opens at its tail; the list would otherwise scroll it back to the top on mount.
    initialOffset: Number.MAX_SAFE_INTEGER,
  })

  const toggle = useCallback((id: number) => {
    setExpanded((open) => {
      const next = new Set(open)
      if (!next.delete(id)) next.add(id)
      return next
    })
  }, [])

  const getText = () => rows.map((line) => ansiPlainText(line.text)).join('\n')
  const currentRow = search.matches[search.current] ?? -1

  return (
    <div
      {...rest}
      className={classNames('ts-log', className)}
      data-state={following ? 'following' : 'paused'}
    >
      {toolbar && (
        <LogToolbar
          search={search}
          onFind={(row) => virtualizer.scrollToIndex(row, { align: 'center' })}
          getText={getText}
          lineCount={rows.length}
          onCopy={copyText}
          onDownload={(all) => downloadText(all, filename)}
          label={label}
        />
      )}

      {channels.length > 0 && (
        <LogChannelTabs
          channels={channels}
          selected={shown}
          onSelect={setChannel}
          controls={logId}
        />
      )}

      {dropped > 0 && (
        <div className="ts-log-dropped" data-dropped={dropped}>
          {dropped === 1 ? '1 earlier line dropped' : `${dropped} earlier lines dropped`}
        </div>
      )}

      <div
        ref={scroller}
        id={logId}
        className="ts-log-viewport"
        role="log"
        aria-label={label}
        aria-live="off"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take keyboard focus
        tabIndex={0}
        onScroll={onScroll}
      >
        <div className="ts-log-rows" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = rows[item.index]
            if (line === undefined) return null
            return (
              <LogRow
                key={item.key}
                line={line}
                index={item.index}
                number={lineNumbers ? dropped + (numbers?.[item.index] ?? item.index) + 1 : null}
                style={{ transform: `translateY(${item.start}px)` }}
                maxLength={maxLineLength}
                expanded={expanded.has(line.id)}
                onToggle={toggle}
                highlight={search.query}
                current={item.index === currentRow}
                measure={expanded.has(line.id) ? virtualizer.measureElement : undefined}
              />
            )
          })}
        </div>
      </div>

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
 * A terminal-style log on a virtual list: ANSI colours, `\r` rewrites, line numbers, search,
 * copy and download, following the tail until the user scrolls up (then "Jump to latest"),
 * and a marker for dropped early lines.
 */
export function LogConsole({ taskId, ...rest }: LogConsoleProps) {
  if (taskId !== undefined) return <LiveLogConsole {...rest} taskId={taskId} />
  return <LogConsoleView {...rest} />
}
