import type { LogLine } from '@taskstream/core'
import { type CSSProperties, memo, type Ref } from 'react'
import { ansiPlainText } from './ansi-segments'
import { AnsiText } from './ansi-text'
import { copyText } from './save-text'

/** Props of one virtual row of `LogConsole`. */
export interface LogRowProps {
  line: LogLine
  /** The row's position in the list, read back by the virtual list when it measures. */
  index: number
  /** The 1-based line number to show, or null for none. */
  number: number | null
  /** Where the virtual list puts the row. */
  style: CSSProperties
  /** Lines with more visible characters than this are cut until expanded. */
  maxLength: number
  expanded: boolean
  onToggle: (id: number) => void
  highlight: string
  current: boolean
  /** Set on rows whose height varies (an expanded long line), for the list to measure. */
  measure: Ref<HTMLDivElement> | undefined
}

/** One log line as text nodes: line number, styled text, and a cut for very long lines. */
export const LogRow = memo(function LogRow({
  line,
  index,
  number,
  style,
  maxLength,
  expanded,
  onToggle,
  highlight,
  current,
  measure,
}: LogRowProps) {
  const length = ansiPlainText(line.text).length
  const long = length > maxLength

  return (
    <div
      ref={measure}
      className="ts-log-line"
      data-index={index}
      data-current={current || undefined}
      data-expanded={expanded || undefined}
      style={style}
    >
      {number !== null && <span className="ts-log-number" data-line={number} aria-hidden="true" />}
      <span className="ts-log-text">
        <AnsiText
          text={line.text}
          highlight={highlight}
          {...(long && !expanded ? { limit: maxLength } : {})}
        />
        {long && (
          <span className="ts-log-cut">
            {!expanded && '… '}
            <button type="button" className="ts-log-more" onClick={() => onToggle(line.id)}>
              {expanded ? 'Show less' : `Show all ${length.toLocaleString('en')} characters`}
            </button>
            <button
              type="button"
              className="ts-log-more"
              onClick={() => copyText(ansiPlainText(line.text)).catch(() => undefined)}
            >
              Copy line
            </button>
          </span>
        )}
      </span>
    </div>
  )
})
