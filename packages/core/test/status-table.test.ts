import { describe, expect, it } from 'vitest'
import { type ClientOptions, createClient, TaskCancelledError, TaskStatus } from '../src/index'
import { frame, jsonResponse, scriptedFetch, sseResponse } from './helpers/sse'

const base = 'http://test'

function clientWith(answers: Parameters<typeof scriptedFetch>[0], options: ClientOptions) {
  const { fetch } = scriptedFetch(answers)
  return createClient({ baseUrl: base, fetch, ...options })
}

// Status 8 is UPLOADING on the classic table and CANCELLING (13 in the kit) on the v2 one.
const tables: Array<{ name: string; options: ClientOptions; eight: number }> = [
  { name: 'the default table (classic)', options: {}, eight: TaskStatus.UPLOADING },
  { name: 'classic', options: { statusTable: 'classic' }, eight: TaskStatus.UPLOADING },
  { name: 'v2', options: { statusTable: 'v2' }, eight: TaskStatus.CANCELLING },
]

describe('the statusTable client option', () => {
  it.each(tables)('reads a streamed 8 with $name', async ({ options, eight }) => {
    const wire = [
      frame('update', { id: 't', status: 7 }, 1),
      frame('update', { data: { status: 8 }, fields: ['status'] }, 2),
      frame('update', { data: { status: 12 }, fields: ['status'] }, 3),
    ].join('')
    const client = clientWith([() => sseResponse(wire)], options)
    const seen: number[] = []
    const stream = client.streamTask('t', { onUpdate: (task) => seen.push(Number(task.status)) })
    await expect(stream.result).rejects.toBeInstanceOf(TaskCancelledError)

    expect(seen).toEqual([TaskStatus.RUNNING, eight, TaskStatus.CANCELLED])
  })

  it.each(tables)('reads an 8 from getTask with $name', async ({ options, eight }) => {
    const client = clientWith([() => jsonResponse({ id: 't', status: 8 })], options)
    await expect(client.getTask('t')).resolves.toMatchObject({ status: eight })
  })
})
