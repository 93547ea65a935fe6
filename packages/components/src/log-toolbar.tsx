import { useId, useState } from 'react'
import type { LogSearch } from './use-log-search'

/** Props of the bar above `LogConsole`'s lines. */
export interface LogToolbarProps {
  search: LogSearch
  /** Shows the match at this line index. */
  onFind: (row: number) => void
  /** The whole log as plain text, read only when asked for. */
  getText: () => string
  /** How many lines the log holds. */
  lineCount: number
  onCopy: (text: string) => Promise<void>
  onDownload: (text: string) => void
  /** The accessible name of the log, to name the controls after it. */
  label: string
}

/** Search with next, previous and a match count; copy all; download. */
export function LogToolbar({
  search,
  onFind,
  getText,
  lineCount,
  onCopy,
  onDownload,
  label,
}: LogToolbarProps) {
  const [notice, setNotice] = useState('')
  const countId = useId()
  const { query, matches, current } = search
  const hasMatches = matches.length > 0

  function find(row: number | null) {
    if (row !== null) onFind(row)
  }

  async function copyAll() {
    try {
      await onCopy(getText())
      setNotice(lineCount === 1 ? 'Copied 1 line' : `Copied ${lineCount} lines`)
    } catch {
      setNotice('Could not copy')
    }
  }

  return (
    <div className="ts-log-toolbar" role="toolbar" aria-label={`${label} tools`}>
      <input
        type="search"
        className="ts-log-search"
        placeholder="Search"
        aria-label={`Search ${label.toLowerCase()}`}
        aria-describedby={countId}
        value={query}
        onChange={(event) => {
          search.setQuery(event.currentTarget.value)
          setNotice('')
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            find(event.shiftKey ? search.previous() : search.next())
          } else if (event.key === 'Escape' && query) {
            event.preventDefault()
            search.setQuery('')
          }
        }}
      />
      <output id={countId} className="ts-log-count" aria-live="polite">
        {query ? (hasMatches ? `${current + 1} of ${matches.length}` : 'No matches') : ''}
      </output>
      <button
        type="button"
        className="ts-log-button"
        aria-label="Previous match"
        disabled={!hasMatches}
        onClick={() => find(search.previous())}
      >
        ↑
      </button>
      <button
        type="button"
        className="ts-log-button"
        aria-label="Next match"
        disabled={!hasMatches}
        onClick={() => find(search.next())}
      >
        ↓
      </button>
      <button type="button" className="ts-log-button" disabled={lineCount === 0} onClick={copyAll}>
        Copy all
      </button>
      <button
        type="button"
        className="ts-log-button"
        disabled={lineCount === 0}
        onClick={() => onDownload(getText())}
      >
        Download
      </button>
      <span className="ts-log-notice" role="status">
        {notice}
      </span>
    </div>
  )
}
