import { splitDelta } from '@taskstream/server'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyDelta, type Task, TaskStatus } from '../src/index'

const context = { id: 't', statusTable: 'classic' as const }

// Values a task's fields take on the wire, nested a little, so that strings grow inside
// objects beside counters, flags, lists and objects that change or change kind.
const leaf = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
)
const value = fc.oneof(leaf, fc.dictionary(fc.constantFrom('text', 'tokens', 'meta'), leaf))
const snapshot = fc.dictionary(fc.constantFrom('logs', 'output', 'progress', 'note'), value)

type Snapshot = Record<string, unknown>

/** The next version of `before`: strings often grow, the rest may change or stay. */
const nextOf = (before: Snapshot): fc.Arbitrary<Snapshot> =>
  fc.tuple(snapshot, fc.string({ maxLength: 5 })).map(([fresh, more]) => {
    const next: Snapshot = { ...before, ...fresh }
    for (const [key, old] of Object.entries(before)) {
      const now = next[key]
      if (typeof old === 'string' && key !== 'note') next[key] = old + more
      else if (isObject(old) && typeof old.text === 'string') {
        next[key] = { ...old, ...(isObject(now) ? now : {}), text: old.text + more }
      }
    }
    return next
  })

function isObject(value: unknown): value is Snapshot {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `list` with up to `more` later versions, each grown from the one before. */
function grow(list: Snapshot[], more: number): fc.Arbitrary<Snapshot[]> {
  const last = list.at(-1) ?? {}
  if (more === 0) return fc.constant(list)
  return fc
    .boolean()
    .chain((stop) =>
      stop ? fc.constant(list) : nextOf(last).chain((next) => grow([...list, next], more - 1)),
    )
}

describe('a delta split by the server and applied by the client', () => {
  it('rebuilds every version of the task exactly', () => {
    const versions = snapshot.chain((first) => grow([first], 6))
    fc.assert(
      fc.property(versions, (list) => {
        const sent: Record<string, unknown> = {}
        let task: Task = { id: 't', status: TaskStatus.RUNNING }
        for (const version of list) {
          const split = splitDelta(sent, version)
          Object.assign(sent, version)
          const payload = { data: split.data, fields: split.fields, append: split.append }
          task = applyDelta(task, payload, context)
          expect(task).toEqual({ id: 't', status: TaskStatus.RUNNING, ...sent })
        }
      }),
      { numRuns: 500 },
    )
  })

  it('sends a growing text beside a changing count as the added text and the count', () => {
    const sent = { output: { text: 'tök0 ', tokens: 1 } }
    const split = splitDelta(sent, { output: { text: 'tök0 tök1 ', tokens: 2 } })

    expect(split).toEqual({
      data: {},
      fields: [],
      append: { output: { text: 'tök1 ', tokens: 2 } },
    })
  })
})
