import { describe, expect, it } from 'vitest'
import type { TaskApp } from '../src'
import {
  gatedApp,
  parseSse,
  readBody,
  runApp,
  startServer,
  streamFromStart,
  waitFor,
} from './helpers'

async function finishedText(maxTokens: number) {
  const { server, url } = await startServer()
  const task = await runApp(url, 'local/text', { prompt: 'harbour', max_tokens: maxTokens })
  await waitFor(async () => {
    const response = await fetch(`${url}/tasks/${task.id}`, {
      headers: { Authorization: 'Bearer test' },
    })
    return ((await response.json()) as { status: number }).status === 10
  })
  return { server, url, id: task.id }
}

describe('deltas', () => {
  it('send what a text gained to clients that ask, whole fields to the rest', async () => {
    const { url, id } = await finishedText(200)
    const whole = await readBody(await streamFromStart(url, id))
    const deltas = await readBody(
      await fetch(`${url}/tasks/${id}/stream?deltas=true`, { headers: { 'Last-Event-ID': '1' } }),
    )

    const wholeEvents = parseSse(whole).filter((event) => event.event === 'update')
    const outputs = wholeEvents
      .map((event) => JSON.parse(event.data ?? '{}') as { data: { output?: { text: string } } })
      .filter((payload) => payload.data.output !== undefined)
    const text = outputs.at(-1)?.data.output?.text
    let rebuilt = ''
    for (const event of parseSse(deltas)) {
      if (event.event !== 'delta' && event.event !== 'update') continue
      const payload = JSON.parse(event.data ?? '{}') as {
        data?: { output?: { text: string } }
        append?: { output?: { text: string } }
      }
      if (payload.data?.output !== undefined) rebuilt = payload.data.output.text
      if (payload.append?.output !== undefined) rebuilt += payload.append.output.text
    }

    expect(parseSse(deltas).filter((event) => event.event === 'delta').length).toBeGreaterThan(50)
    expect(wholeEvents.some((event) => event.event === 'delta')).toBe(false)
    expect(rebuilt).toBe(text)
    expect(Buffer.byteLength(deltas)).toBeLessThan(Buffer.byteLength(whole) / 3)
  })
})

describe('deltas of an object that grows', () => {
  it('send the text it gained beside a count that changed, not the object whole', async () => {
    const counted: TaskApp = {
      id: 'test/counted',
      name: 'Counted',
      description: 'A text and its token count.',
      input: {},
      async run(ctx) {
        let text = ''
        for (let i = 0; i < 300; i += 1) {
          text += `tök${i} `
          ctx.setOutput({ text, tokens: i + 1 })
        }
      },
    }
    const { url } = await startServer({ apps: [counted] })
    const task = await runApp(url, counted.id, {})
    await waitFor(async () => {
      const response = await fetch(`${url}/tasks/${task.id}`)
      return ((await response.json()) as { status: number }).status === 10
    })
    const whole = await readBody(await streamFromStart(url, task.id))
    const deltas = await readBody(
      await fetch(`${url}/tasks/${task.id}/stream?deltas=true`, {
        headers: { 'Last-Event-ID': '1' },
      }),
    )

    const appended = parseSse(deltas)
      .filter((event) => event.event === 'delta')
      .map((event) => (JSON.parse(event.data ?? '{}') as { append: unknown }).append)
    expect(appended).toContainEqual({ output: { text: 'tök299 ', tokens: 300 } })
    expect(Buffer.byteLength(deltas)).toBeLessThan(Buffer.byteLength(whole) / 10)
  })
})

describe('fault injection, more', () => {
  it('replays every event from the start when told to ignore Last-Event-ID', async () => {
    const { server, url, id } = await finishedText(5)
    const resumed = parseSse(await readBody(await streamFromStart(url, id)))
    server.setFaults({ replayFromStart: true })

    const last = resumed.filter((event) => event.id !== undefined).at(-2)?.id ?? ''
    const response = await fetch(`${url}/tasks/${id}/stream`, {
      headers: { 'Last-Event-ID': last },
    })
    const replayed = parseSse(await readBody(response)).filter((event) => event.id !== undefined)

    expect(replayed[0]?.id).toBe('2')
    expect(replayed.map((event) => event.id)).toEqual(
      resumed.filter((event) => event.id !== undefined).map((event) => event.id),
    )
  })

  it('replays from the start on every stream, not only those the other faults hit', async () => {
    const { server, url, id } = await finishedText(5)
    server.setFaults({ replayFromStart: true, dropAfterEvents: 1, streams: 1 })

    const dropped = parseSse(await readBody(await streamFromStart(url, id)))
    const last = dropped.filter((event) => event.id !== undefined).at(-1)?.id ?? ''
    const next = await fetch(`${url}/tasks/${id}/stream`, { headers: { 'Last-Event-ID': last } })
    const replayed = parseSse(await readBody(next)).filter((event) => event.id !== undefined)

    expect(dropped.filter((event) => event.id !== undefined)).toHaveLength(1)
    expect(replayed[0]?.id).toBe(last)
    expect(replayed.at(-1)?.event).toBe('done')
  })

  it('holds every byte until the stream ends when it buffers like a proxy', async () => {
    const { app, release } = gatedApp()
    const { server, url } = await startServer({ apps: [app], faults: { bufferUntilEnd: true } })
    const task = await runApp(url, app.id, {})
    const response = await fetch(`${url}/tasks/${task.id}/stream`)
    await waitFor(() => server.openStreams(task.id) === 1)

    release()
    const first = await readBody(response, (text) => text.length > 0)

    expect(first.startsWith('retry: 1000')).toBe(true)
    expect(parseSse(first).at(-1)?.event).toBe('done')
  })

  it('advertises the retry delay it is given, on every stream', async () => {
    const { server, url, id } = await finishedText(2)
    server.setFaults({ retryMs: 25, dropAfterEvents: 1, streams: 1 })

    const first = await readBody(await fetch(`${url}/tasks/${id}/stream`))
    const second = await readBody(await fetch(`${url}/tasks/${id}/stream`))

    expect(first.startsWith('retry: 25\n\n')).toBe(true)
    expect(second.startsWith('retry: 25\n\n')).toBe(true)
    expect(parseSse(second).at(-1)?.event).toBe('done')
  })
})
