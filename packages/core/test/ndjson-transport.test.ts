import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createClient, type StreamError, type Task } from '../src/index'
import { bodyOf, scriptedFetch, splitBytes } from './helpers/sse'

const line = (value: unknown): string => `${JSON.stringify(value)}\n`

// The SDK's stream shape: a whole task, a heartbeat, a blank line, a line that is not JSON,
// partial updates and deltas with multi-byte text, a CRLF line, then the end.
const wire = [
  line({ id: 1, event: 'update', data: { id: 't', status: 7, logs: '', output: null } }),
  line({ type: 'heartbeat' }),
  '\n',
  '{"event": "update", "data": \n',
  line({ id: 2, event: 'update', data: { logs: 'boot ✓\n' }, fields: ['logs'] }),
  line({ id: 3, event: 'delta', append: { logs: '\u001b[32mok\u001b[0m 🎨\n' } }),
  line({ id: 4, event: 'delta', append: { output: { text: 'Héllo' } } }).replace('\n', '\r\n'),
  line({ id: 5, event: 'update', data: { status: 10 }, fields: ['status'] }),
  line({ id: 6, event: 'done', data: {} }),
].join('')

/** Follows an NDJSON answer made of `chunks`; the task it ends with and what it skipped. */
async function follow(chunks: Uint8Array[]): Promise<{ task: Task; skipped: StreamError[] }> {
  const headers = { 'Content-Type': 'application/x-ndjson' }
  const { fetch } = scriptedFetch([() => new Response(bodyOf(chunks), { headers })])
  const client = createClient({ baseUrl: 'http://test', fetch, transport: 'ndjson' })
  const skipped: StreamError[] = []
  const task = await client.streamTask('t', { onError: (error) => skipped.push(error) }).result
  return { task, skipped }
}

describe('the NDJSON transport', () => {
  it('ends in the same task however the bytes are cut', async () => {
    const whole = await follow(splitBytes(wire, []))
    expect(whole.task).toMatchObject({
      status: 10,
      logs: 'boot ✓\n\u001b[32mok\u001b[0m 🎨\n',
      output: { text: 'Héllo' },
    })
    expect(whole.skipped.map((error) => error.kind)).toEqual(['malformed-event'])

    const length = new TextEncoder().encode(wire).length
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: length - 1 })), async (cuts) => {
        cuts.sort((a, b) => a - b)
        const cut = await follow(splitBytes(wire, cuts))
        expect(cut.task).toEqual(whole.task)
        expect(cut.skipped).toHaveLength(1)
      }),
      { numRuns: 200 },
    )
  })

  it('reads a line of megabytes that arrives in a thousand chunks', async () => {
    const text = 'é'.repeat(1_000_000)
    const long = [
      line({ id: 1, event: 'update', data: { id: 't', status: 7, output: null } }),
      line({ id: 2, event: 'update', data: { output: { text }, status: 10 } }),
      line({ id: 3, event: 'done', data: {} }),
    ].join('')
    const bytes = new TextEncoder().encode(long).length
    const cuts = Array.from({ length: 999 }, (_, index) => Math.round(((index + 1) * bytes) / 1000))

    const { task } = await follow(splitBytes(long, cuts))
    expect((task.output as { text: string }).text).toBe(text)
  })

  it('never reads a line cut off by the end of the stream', async () => {
    // The last update is whole JSON but its line never ends.
    const cutOff = wire.slice(0, wire.indexOf('\n', wire.indexOf('{"id":5')))
    const headers = { 'Content-Type': 'application/x-ndjson' }
    const { fetch, seen: requests } = scriptedFetch([
      () => new Response(bodyOf(splitBytes(cutOff, [])), { headers }),
      () => new Response(JSON.stringify({ id: 't', status: 10 }), { status: 200 }),
    ])
    const client = createClient({ baseUrl: 'http://test', fetch, transport: 'ndjson' })
    const seen: Task[] = []
    await client.streamTask('t', { onUpdate: (task) => seen.push(task) }).result

    // The status came from the re-read after the stream ended, not from the unfinished line.
    expect(requests.map((request) => new URL(request.url).pathname)).toEqual([
      '/tasks/t/stream',
      '/tasks/t',
    ])
    expect(seen.slice(0, -1).every((task) => task.status === 7)).toBe(true)
    expect(seen.at(-1)?.status).toBe(10)
  })
})
