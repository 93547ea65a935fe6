import type { LogLine } from '@taskstream/core'
import { useMemo, useState } from 'react'
import { ansiPlainText } from './ansi-segments'

/** What `useLogSearch` gives back. */
export interface LogSearch {
  /** The text searched for; empty means no search. */
  query: string
  /** Sets the text to search for and moves to its first match. */
  setQuery: (query: string) => void
  /** The indices of the lines that contain the query, case-insensitively. */
  matches: readonly number[]
  /** Which of `matches` is current, or -1 when there is none. */
  current: number
  /** Moves to the next match (after the last, back to the first) and returns its line index. */
  next: () => number | null
  /** Moves to the previous match (before the first, to the last) and returns its line index. */
  previous: () => number | null
}

const none: readonly number[] = []

/**
 * Finds the lines that contain a query in their visible text (escape codes never match).
 * The current match is held by line id, so it stays put while new lines arrive.
 */
export function useLogSearch(lines: readonly LogLine[]): LogSearch {
  const [query, setQueryState] = useState('')
  const [currentId, setCurrentId] = useState<number | null>(null)

  const matches = useMemo(() => {
    const needle = query.toLowerCase()
    if (!needle) return none
    const found: number[] = []
    for (let index = 0; index < lines.length; index += 1) {
      const line = lines[index]
      if (line && ansiPlainText(line.text).toLowerCase().includes(needle)) found.push(index)
    }
    return found
  }, [lines, query])

  const held = currentId === null ? -1 : matches.findIndex((row) => lines[row]?.id === currentId)
  const current = held !== -1 ? held : matches.length > 0 ? 0 : -1

  function moveTo(position: number): number | null {
    const row = matches[(position + matches.length) % matches.length]
    if (row === undefined) return null
    setCurrentId(lines[row]?.id ?? null)
    return row
  }

  return {
    query,
    setQuery: (next) => {
      setQueryState(next)
      setCurrentId(null)
    },
    matches,
    current,
    next: () => moveTo(current + 1),
    previous: () => moveTo(current - 1),
  }
}
