import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { parseSse, readBody, runApp, startServer, streamFromStart } from './helpers'

interface Task {
  id: string
  status: number
  logs: string
  error: string | null
  output: {
    text: string
    statuses: string[]
    image: { uri: string; size: number }
    audio: { uri: string; size: number }
  }
}

/** Runs an app to its end over SSE; answers the statuses seen and the final task. */
async function follow(url: string, app: string, input: Record<string, unknown>) {
  const created = await runApp(url, app, input)
  const events = parseSse(await readBody(await streamFromStart(url, created.id)))
  const statuses: number[] = [created.status]
  for (const event of events.filter((e) => e.event === 'update')) {
    const update = JSON.parse(event.data ?? '{}')
    const status = update.fields ? update.data.status : update.status
    if (status !== undefined && status !== statuses.at(-1)) statuses.push(status)
  }
  const task = (await (await fetch(`${url}/tasks/${created.id}`)).json()) as Task
  return { statuses, task, events }
}

async function download(uri: string) {
  const response = await fetch(uri)
  return { response, bytes: Buffer.from(await response.arrayBuffer()) }
}

describe('local/image', () => {
  it('renders a PNG of the requested size, served with its type and length', async () => {
    const { url } = await startServer()

    const { statuses, task } = await follow(url, 'local/image', {
      prompt: 'a red fox',
      width: 40,
      height: 24,
      steps: 4,
    })
    const { response, bytes } = await download(task.output.image.uri)
    const png = PNG.sync.read(bytes)

    expect(statuses).toEqual([1, 2, 6, 7, 8, 10])
    expect(task.output.image).toMatchObject({ content_type: 'image/png', filename: 'image.png' })
    expect(task.output.image.uri.startsWith(`${url}/files/${task.id}/`)).toBe(true)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length)
    expect(task.output.image.size).toBe(bytes.length)
    expect([png.width, png.height]).toEqual([40, 24])
  })

  it('draws the same picture for the same prompt and another for another', async () => {
    const { url } = await startServer()
    const input = { width: 32, height: 32, steps: 2 }

    const runs = await Promise.all(
      ['lighthouse', 'lighthouse', 'harbour'].map((prompt) =>
        follow(url, 'local/image', { ...input, prompt }),
      ),
    )
    const images = await Promise.all(runs.map(({ task }) => download(task.output.image.uri)))
    const pixels = images.map(({ bytes }) => PNG.sync.read(bytes).data)

    expect(pixels[0]?.equals(pixels[1] as Buffer)).toBe(true)
    expect(pixels[0]?.equals(pixels[2] as Buffer)).toBe(false)
    expect(new Set(pixels[0]).size).toBeGreaterThan(10)
  })

  it('logs one tqdm-style \\r rewrite per step', async () => {
    const { url } = await startServer()

    const { task } = await follow(url, 'local/image', {
      prompt: 'x',
      width: 8,
      height: 8,
      steps: 5,
    })
    const bars = task.logs.split('\r').slice(1)

    expect(bars).toHaveLength(6)
    expect(bars[0]).toBe('  0%|          | 0/5 [00:00<?, ?it/s]')
    expect(bars[3]).toMatch(/^ 60%\|██████ {4}\| 3\/5 \[00:00<00:00, \d+\.\d\dit\/s\]$/)
    expect(bars[5]).toMatch(/^100%\|██████████\| 5\/5 .*\n/)
  })
})

describe('local/text', () => {
  it('writes the same text for the same prompt', async () => {
    const { url } = await startServer()

    const [a, b, c] = await Promise.all(
      ['stars', 'stars', 'rain'].map((prompt) => follow(url, 'local/text', { prompt })),
    )

    expect(a?.task.output.text.split(' ')).toHaveLength(60)
    expect(a?.task.output.text).toBe(b?.task.output.text)
    expect(a?.task.output.text).not.toBe(c?.task.output.text)
  })
})

describe('local/audio', () => {
  it('produces a valid 16-bit mono PCM WAV of the asked length, with progress', async () => {
    const { url } = await startServer()

    const { task, events } = await follow(url, 'local/audio', { prompt: 'waves', duration: 1 })
    const { response, bytes } = await download(task.output.audio.uri)
    const progress = events
      .map((event) => JSON.parse(event.data ?? '{}'))
      .filter((update) => update.fields?.includes('progress'))
      .map((update) => update.data.progress.percent)

    expect(response.headers.get('content-type')).toBe('audio/wav')
    expect(task.output.audio).toMatchObject({ content_type: 'audio/wav', size: bytes.length })
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF')
    expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8)
    expect(bytes.toString('ascii', 8, 16)).toBe('WAVEfmt ')
    expect(bytes.readUInt16LE(20)).toBe(1)
    expect(bytes.readUInt16LE(22)).toBe(1)
    const sampleRate = bytes.readUInt32LE(24)
    expect(bytes.readUInt16LE(34)).toBe(16)
    expect(bytes.toString('ascii', 36, 40)).toBe('data')
    expect(bytes.readUInt32LE(40)).toBe(sampleRate * 2)
    expect(progress).toEqual([25, 50, 75, 100])
  })
})

describe('local/fail', () => {
  it('logs coloured lines, then fails with a clear error', async () => {
    const { url } = await startServer()

    const { statuses, task } = await follow(url, 'local/fail', { prompt: 'boom' })

    expect(statuses.at(-1)).toBe(11)
    expect(task.error).toMatch(/out of memory/)
    expect(task.logs).toContain('\x1b[33mwarning\x1b[0m')
    expect(task.output).toBeNull()
  })
})

describe('local/lifecycle', () => {
  it('walks through every status of the table, one log line each', async () => {
    const { url } = await startServer()

    const { statuses, task } = await follow(url, 'local/lifecycle', {})

    expect(statuses).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10])
    expect(task.logs.trim().split('\n')).toHaveLength(8)
    expect(task.output.statuses.at(-1)).toBe('COMPLETED')
  })
})
