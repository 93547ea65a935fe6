import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createLogLines, type LogLines, updateLogLines } from '../src/index'

const log = [
  'setting up\n',
  '\u001b[33mwarn\u001b[0m cache cold\r\n',
  ' 10%|█         | 1/10\r 50%|█████     | 5/10\r100%|██████████| 10/10\n',
  'é ✓ 🎨 \u001b[1;32mdone\u001b[0m\n',
  'tail without newline',
].join('')

/** Feeds the log as growing snapshots cut at `cuts`; returns the lines' texts and ids. */
function feed(cuts: number[], lineCap?: number): LogLines {
  let lines = createLogLines(lineCap)
  for (const cut of [...cuts, log.length]) {
    lines = updateLogLines(lines, log.slice(0, cut)).log
  }
  return lines
}

describe('log lines from growing snapshots', () => {
  it('end the same however the log is cut, ANSI codes and \\r\\n cut included', () => {
    const whole = feed([])
    expect(whole.lines.map((line) => line.text)).toEqual([
      'setting up',
      '\u001b[33mwarn\u001b[0m cache cold',
      '100%|██████████| 10/10',
      'é ✓ 🎨 \u001b[1;32mdone\u001b[0m',
      'tail without newline',
    ])

    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: log.length - 1 })), (cuts) => {
        const lines = feed(cuts.sort((a, b) => a - b))
        expect(lines.lines.map((line) => line.text)).toEqual(whole.lines.map((l) => l.text))
        expect(new Set(lines.lines.map((line) => line.id)).size).toBe(lines.lines.length)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps the newest lines under the cap and counts the dropped ones', () => {
    const capped = feed([20, 60], 2)
    expect(capped.lines.map((line) => line.text)).toEqual([
      'é ✓ 🎨 \u001b[1;32mdone\u001b[0m',
      'tail without newline',
    ])
    expect(capped.droppedLines).toBe(3)
  })
})
