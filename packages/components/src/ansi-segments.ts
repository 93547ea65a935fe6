import Anser from 'anser'
import type { CSSProperties } from 'react'

/** A run of log text with one set of ANSI styles, ready to render as a `<span>`. */
export interface AnsiSegment {
  /** The visible text, with every escape sequence removed. */
  text: string
  /** `ts-ansi-*` classes for the 16 named colours and the decorations. */
  className: string | undefined
  /** Inline colours for 256-colour and true-colour codes, which have no class. */
  style: CSSProperties | undefined
}

const namedColours = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white']

// Anser only reads CSI sequences; OSC (hyperlinks, titles), other escapes and stray
// control characters would otherwise reach the screen as garbage.
const leftoverControls =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape codes is the point
  /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[ -/]*[0-~]?|[\u0000-\u0008\u000b-\u001f\u007f]/g

// `ESC[2K` (whole line) and `ESC[1K` (up to the cursor, which is at the end) erase what came
// before on the line; anser would only drop the code and keep the erased text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape codes is the point
const eraseLine = /\u001b\[[12]K/g

/** The part of a line still on screen after its last erase-line code. */
function afterErase(line: string): string {
  let start = 0
  for (const match of line.matchAll(eraseLine)) start = match.index + match[0].length
  return start === 0 ? line : line.slice(start)
}

/** The RGB of a colour from the xterm 256-colour palette, from 16 up. */
function paletteRgb(index: number): string {
  if (index >= 232) {
    const grey = 8 + (index - 232) * 10
    return `rgb(${grey}, ${grey}, ${grey})`
  }

  const cube = index - 16
  const level = (step: number) => (step === 0 ? 0 : 55 + step * 40)
  const [red, green, blue] = [Math.floor(cube / 36), Math.floor(cube / 6) % 6, cube % 6].map(level)
  return `rgb(${red}, ${green}, ${blue})`
}

interface Colour {
  className?: string
  css?: string
}

// Known limit: 256-colour and true-colour codes are drawn exactly as the program chose them,
// so they can lack contrast on one of the two themes; the 16 named colours follow the theme.
/** Reads one of Anser's colour values (`ansi-red`, `ansi-palette-200`, `ansi-truecolor`). */
function readColour(value: string | null, truecolor: string | null): Colour | null {
  if (!value) return null
  if (value === 'ansi-truecolor') return truecolor ? { css: `rgb(${truecolor})` } : null

  const palette = /^ansi-palette-(\d+)$/.exec(value)
  if (!palette) return { className: value.replace(/^ansi-/, '') }

  const index = Number(palette[1])
  if (index >= 16) return { css: paletteRgb(index) }
  const name = namedColours[index % 8] ?? 'white'
  return { className: index >= 8 ? `bright-${name}` : name }
}

// Known limit: each line is parsed on its own, so a colour left open at the end of one line
// does not carry into the next (as it would in a terminal); most tools reset per line.
/** Splits a line of terminal text into styled segments; no escape code survives. */
export function ansiSegments(line: string): AnsiSegment[] {
  const entries = Anser.ansiToJson(afterErase(line), { use_classes: true, remove_empty: true })
  const segments: AnsiSegment[] = []

  for (const entry of entries) {
    const text = entry.content.replace(leftoverControls, '')
    if (!text) continue

    // Anser has already swapped the colours of reverse video, filling a default foreground
    // with black and a default background with white; `ts-ansi-inverse` draws the theme's
    // own swapped defaults instead.
    // Known limit: so an explicit black background (or white foreground) under reverse
    // video shows in the theme's colours.
    const inverted = (entry as { isInverted?: boolean }).isInverted === true
    const fg =
      inverted && entry.fg === 'ansi-black' ? null : readColour(entry.fg, entry.fg_truecolor)
    const bg =
      inverted && entry.bg === 'ansi-white' ? null : readColour(entry.bg, entry.bg_truecolor)

    const classes = [
      inverted && 'ts-ansi-inverse',
      fg?.className && `ts-ansi-fg-${fg.className}`,
      bg?.className && `ts-ansi-bg-${bg.className}`,
      ...entry.decorations.map((decoration) => `ts-ansi-${decoration}`),
    ].filter(Boolean)

    const style: CSSProperties = {}
    if (fg?.css) style.color = fg.css
    if (bg?.css) style.backgroundColor = bg.css

    segments.push({
      text,
      className: classes.length > 0 ? classes.join(' ') : undefined,
      style: fg?.css || bg?.css ? style : undefined,
    })
  }

  return segments
}

const plainCache = new Map<string, string>()

/** A line's visible text, without any escape code: what search, copy and download use. */
export function ansiPlainText(line: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a line without ESC is already plain
  if (!/[\u0000-\u001f\u007f]/.test(line)) return line

  const cached = plainCache.get(line)
  if (cached !== undefined) return cached

  const plain = ansiSegments(line)
    .map((segment) => segment.text)
    .join('')
  // A bounded cache: a log rereads the same coloured lines on every search keystroke.
  if (plainCache.size >= 50_000) plainCache.clear()
  plainCache.set(line, plain)
  return plain
}
