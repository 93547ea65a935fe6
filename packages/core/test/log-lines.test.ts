import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createLogLines, type LogLines, type LogRecord, updateLogLines } from '../src/index'

/** Feeds growing snapshots of `text`, cut at `cuts`, and returns the final log. */
function feedInPieces(text: string, cuts: number[], lineCap?: number): LogLines {
  let log = createLogLines(lineCap)
  for (const cut of [...cuts.sort((a, b) => a - b), text.length]) {
    log = updateLogLines(log, text.slice(0, cut)).log
  }
  return log
}

const texts = (log: LogLines) => log.lines.map((line) => line.text)

describe('updateLogLines', () => {
  it('splits a log into lines, the last one open', () => {
    const { log } = updateLogLines(createLogLines(), 'one\ntwo\r\nthree')
    expect(texts(log)).toEqual(['one', 'two', 'three'])
    expect(log.lines.map((line) => line.id)).toEqual([0, 1, 2])
  })

  it('rewrites the current line on \\r and keeps its id', () => {
    const first = updateLogLines(createLogLines(), 'start\n 10%|█ | 1/10').log
    const { log, firstChanged } = updateLogLines(first, 'start\n 10%|█ | 1/10\r 20%|██ | 2/10')

    expect(texts(log)).toEqual(['start', ' 20%|██ | 2/10'])
    expect(log.lines[1]?.id).toBe(first.lines[1]?.id)
    expect(firstChanged).toBe(1)
  })

  it('reads a \\r\\n split across two snapshots as one newline', () => {
    const first = updateLogLines(createLogLines(), 'a\r').log
    const { log } = updateLogLines(first, 'a\r\nb')
    expect(texts(log)).toEqual(['a', 'b'])
  })

  it('keeps empty lines and ANSI codes', () => {
    const { log } = updateLogLines(createLogLines(), '\x1b[31mred\x1b[0m\n\nend\n')
    expect(texts(log)).toEqual(['\x1b[31mred\x1b[0m', '', 'end'])
  })

  it('gives the same lines however the snapshots are cut', () => {
    const piece = fc.constantFrom(
      'a',
      'bc',
      '\n',
      '\r',
      '\r\n',
      '45%|██| 9/20',
      '\x1b[32m',
      'é',
      '✓',
    )
    const property = fc.property(
      fc.array(piece, { maxLength: 40 }),
      fc.array(fc.nat(), { maxLength: 8 }),
      (pieces, rawCuts) => {
        const text = pieces.join('')
        const cuts = rawCuts.map((cut) => cut % (text.length + 1))
        const whole = updateLogLines(createLogLines(), text).log
        expect(texts(feedInPieces(text, cuts))).toEqual(texts(whole))
      },
    )
    fc.assert(property, { numRuns: 300 })
  })

  it('processes only the new suffix and keeps unchanged lines as they were', () => {
    const first = updateLogLines(createLogLines(), 'one\ntwo\n').log
    const { log, firstChanged } = updateLogLines(first, 'one\ntwo\nthree\n')

    expect(firstChanged).toBe(2)
    expect(log.lines[0]).toBe(first.lines[0])
    expect(log.lines[1]).toBe(first.lines[1])
  })

  it('returns the same lines when the snapshot did not grow', () => {
    const first = updateLogLines(createLogLines(), 'one\n').log
    const again = updateLogLines(first, `${'one'}\n`)
    expect(again.firstChanged).toBe(-1)
    expect(again.log.lines).toBe(first.lines)
  })

  it('rereads a snapshot that does not extend the last one, with fresh ids', () => {
    const first = updateLogLines(createLogLines(), 'one\ntwo\n').log
    const { log, firstChanged } = updateLogLines(first, 'other\n')

    expect(texts(log)).toEqual(['other'])
    expect(firstChanged).toBe(0)
    expect(log.lines[0]?.id).toBe(2)
  })

  it('drops the oldest lines over the cap and counts them', () => {
    const log = feedInPieces('1\n2\n3\n4\n5\n', [2, 6], 2)
    expect(texts(log)).toEqual(['4', '5'])
    expect(log.droppedLines).toBe(3)
  })

  it('reads log records as separate streams, growing the last one', () => {
    const records = (run: string): LogRecord[] => [
      { id: 'setup', log_type: 'setup', content: 'loading' },
      { id: 'run', log_type: 'run', content: run },
    ]
    const first = updateLogLines(createLogLines(), records('step 1\n10%')).log
    const { log, firstChanged } = updateLogLines(first, records('step 1\n10%\r20%'))

    expect(texts(log)).toEqual(['loading', 'step 1', '20%'])
    expect(firstChanged).toBe(2)
    expect(log.lines[2]?.id).toBe(first.lines[2]?.id)
  })

  it('tags each line with the log_type of its record, also when the record grows', () => {
    const records = (run: string): LogRecord[] => [
      { id: 'setup', log_type: 'setup', content: 'loading\nready' },
      { id: 'run', log_type: 'run', content: run },
    ]
    const first = updateLogLines(createLogLines(), records('step 1')).log
    const { log } = updateLogLines(first, [...records('step 1\nstep 2'), { id: 9, content: 'x' }])

    expect(log.lines.map(({ text, channel }) => [text, channel])).toEqual([
      ['loading', 'setup'],
      ['ready', 'setup'],
      ['step 1', 'run'],
      ['step 2', 'run'],
      ['x', undefined],
    ])
  })

  it('rereads records when an earlier one changes', () => {
    const first = updateLogLines(createLogLines(), [{ id: 1, content: 'a\n' }]).log
    const { log } = updateLogLines(first, [{ id: 2, content: 'b\n' }])
    expect(texts(log)).toEqual(['b'])
  })
})
