import type { LogLine } from '@taskstream/core'

/**
 * Splits raw terminal output into lines, as a terminal would show them: `\n` and `\r\n`
 * end a line, a lone `\r` goes back to its start so the next text rewrites it (tqdm bars).
 * Line ids are line numbers, so a rewritten line keeps its id.
 */
export function splitLogText(text: string): LogLine[] {
  const lines: LogLine[] = []
  let current = ''
  let rewind = false

  // `\r\n` and `\n` end the line; `\r` alone rewinds, and the rewind only takes
  // effect when more text arrives, so a trailing `\r` keeps the line on screen.
  for (const part of text.split(/(\r\n|\n|\r)/)) {
    if (part === '\n' || part === '\r\n') {
      lines.push({ id: lines.length, text: current })
      current = ''
      rewind = false
    } else if (part === '\r') {
      rewind = true
    } else if (part) {
      current = rewind ? part : current + part
      rewind = false
    }
  }

  if (current) lines.push({ id: lines.length, text: current })
  return lines
}
