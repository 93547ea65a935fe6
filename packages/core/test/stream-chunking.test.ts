import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createClient, createTaskEntry, type TaskEntry, taskReducer } from '../src/index'
import { frame, scriptedFetch, splitBytes, sseResponse } from './helpers/sse'

// A stream with every kind of event: a whole task, partial updates, deltas to the log and the
// text (multi-byte, ANSI, `\r` progress), a comment, an unknown event, then the end.
const wire = [
  'retry: 10\r\n\r\n',
  frame('update', { id: 't', status: 2, logs: '', output: null }, 1),
  ': ping\n\n',
  frame('update', { data: { status: 7, logs: 'boot ✓\n' }, fields: ['status', 'logs'] }, 2),
  frame('delta', { append: { logs: ' 10%|█ | 1/10\r 90%|█████████ | 9/10\r' } }, 3),
  frame('metrics', { gpu: 0.5 }, 4),
  frame(
    'delta',
    { append: { logs: `100%|${'█'.repeat(10)}| 10/10\n\u001b[32mok\u001b[0m 🎨\n` } },
    5,
  ),
  frame('update', { data: { output: { text: 'Hé' } }, fields: ['output'] }, 6),
  frame('delta', { append: { output: { text: 'llo, wörld' } } }, 7),
  frame('update', { data: { status: 10 }, fields: ['status'] }, 8).replaceAll('\n', '\r\n'),
  frame('done', {}, 9),
].join('')

/** Follows the stream cut at `cuts` and folds every update through the reducer. */
async function follow(cuts: number[]): Promise<TaskEntry> {
  const { fetch } = scriptedFetch([() => sseResponse(splitBytes(wire, cuts))])
  const client = createClient({ baseUrl: 'http://test', fetch })
  let entry = createTaskEntry('t')
  await client.streamTask('t', {
    onUpdate: (task) => {
      entry = taskReducer(entry, { type: 'task-received', task, at: 0 })
    },
  }).result
  return entry
}

const essence = (entry: TaskEntry) => ({
  status: entry.state.status,
  logs: entry.state.logs,
  output: entry.state.output,
  progress: entry.state.progress,
  events: entry.state.events.map((event) => event.status),
})

describe('a stream followed through the client and the reducer', () => {
  it('ends in the same TaskState however its bytes are cut', async () => {
    const whole = essence(await follow([]))
    expect(whole.logs.map((line) => line.text)).toEqual([
      'boot ✓',
      '100%|██████████| 10/10',
      '\u001b[32mok\u001b[0m 🎨',
    ])
    expect(whole.output).toEqual({ text: 'Héllo, wörld' })
    expect(whole.events).toEqual([2, 7, 10])

    const length = new TextEncoder().encode(wire).length
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: length - 1 })), async (cuts) => {
        expect(essence(await follow(cuts.sort((a, b) => a - b)))).toEqual(whole)
      }),
      { numRuns: 200 },
    )
  })
})
