import { memo } from 'react'
import { ansiSegments } from './ansi-segments'

/** Props of `AnsiText`. */
export interface AnsiTextProps {
  /** One line of terminal output, ANSI codes included. */
  text: string
}

/** Renders terminal text as text nodes in styled spans: colours shown, escape codes never. */
export const AnsiText = memo(function AnsiText({ text }: AnsiTextProps) {
  const segments = ansiSegments(text)

  return segments.map((segment, index) =>
    segment.className || segment.style ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity beyond order
      <span key={index} className={segment.className} style={segment.style}>
        {segment.text}
      </span>
    ) : (
      segment.text
    ),
  )
})
