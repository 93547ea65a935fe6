import { Fragment, memo, type ReactNode } from 'react'
import { type AnsiSegment, ansiSegments } from './ansi-segments'

/** Props of `AnsiText`. */
export interface AnsiTextProps {
  /** One line of terminal output, ANSI codes included. */
  text: string
  /** Marks every case-insensitive occurrence of this text with `<mark>`. Default: none. */
  highlight?: string
  /** Shows at most this many visible characters. Default: all of them. */
  limit?: number
}

/** The segments cut to `limit` visible characters. */
function cutSegments(segments: AnsiSegment[], limit: number): AnsiSegment[] {
  const kept: AnsiSegment[] = []
  let left = limit
  for (const segment of segments) {
    if (left <= 0) break
    kept.push(
      segment.text.length > left ? { ...segment, text: segment.text.slice(0, left) } : segment,
    )
    left -= segment.text.length
  }
  return kept
}

/** A segment's text with the matches of `needle` (lower case) wrapped in `<mark>`. */
function marked(text: string, needle: string): ReactNode {
  if (!needle) return text

  const parts: ReactNode[] = []
  const haystack = text.toLowerCase()
  let from = 0
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, from)) {
    if (at > from) parts.push(text.slice(from, at))
    parts.push(
      <mark key={at} className="ts-log-match">
        {text.slice(at, at + needle.length)}
      </mark>,
    )
    from = at + needle.length
  }
  if (parts.length === 0) return text
  if (from < text.length) parts.push(text.slice(from))
  return parts
}

// Known limit: a match that spans two differently styled runs is found by search but not
// marked, since each run is marked on its own.
/** Renders terminal text as text nodes in styled spans: colours shown, escape codes never. */
export const AnsiText = memo(function AnsiText({ text, highlight, limit }: AnsiTextProps) {
  const all = ansiSegments(text)
  const segments = limit === undefined ? all : cutSegments(all, limit)
  const needle = highlight?.toLowerCase() ?? ''

  return segments.map((segment, index) =>
    segment.className || segment.style ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity beyond order
      <span key={index} className={segment.className} style={segment.style}>
        {marked(segment.text, needle)}
      </span>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity beyond order
      <Fragment key={index}>{marked(segment.text, needle)}</Fragment>
    ),
  )
})
