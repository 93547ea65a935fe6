import { afterEach } from 'vitest'
import { createTaskServer, type TaskApp, type TaskServer, type TaskServerOptions } from '../src'

const servers: TaskServer[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

/** Starts a fast server on a free loopback port; it closes after the test. */
export async function startServer(options: TaskServerOptions = {}) {
  const server = createTaskServer({ port: 0, timeScale: 0.02, ...options })
  servers.push(server)
  const url = await server.listen()
  return { server, url }
}

/** Starts a run and answers the created task. */
export async function runApp(url: string, app: string, input: Record<string, unknown>) {
  const response = await fetch(`${url}/apps/run`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer test' },
    body: JSON.stringify({ app, input }),
  })
  if (!response.ok) throw new Error(`run failed: ${response.status} ${await response.text()}`)
  return (await response.json()) as { id: string; status: number; [key: string]: unknown }
}

/** One SSE event as read off the wire. */
export interface SseEvent {
  id?: string
  event?: string
  data?: string
  retry?: string
  comment?: string
}

/** Splits a whole SSE body into its blocks, keeping comments and `retry` blocks too. */
export function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block !== '')
    .map((block) => {
      const event: SseEvent = {}
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) event.comment = line.slice(1).trim()
        const match = /^(id|event|data|retry): ?(.*)$/.exec(line)
        if (match) event[match[1] as 'id' | 'event' | 'data' | 'retry'] = match[2] ?? ''
      }
      return event
    })
}

/** Reads a response body chunk by chunk until `until` says stop or the body ends. */
export async function readBody(
  response: Response,
  until: (text: string) => boolean = () => false,
  timeoutMs = 5000,
): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let text = ''
  const timer = setTimeout(() => void reader.cancel(), timeoutMs)
  try {
    while (!until(text)) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
  } finally {
    clearTimeout(timer)
    await reader.cancel().catch(() => undefined)
  }
  return text
}

/** Resolves once `check` holds, polling briefly; fails after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000) {
  const start = Date.now()
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** An app that starts RUNNING, then waits for `release()` before it logs, outputs and ends. */
export function gatedApp(id = 'test/gated') {
  let release!: () => void
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  const app: TaskApp = {
    id,
    name: 'Gated',
    description: 'Waits for the test to let it go on.',
    input: {},
    async run(ctx) {
      ctx.setStatus('RUNNING')
      await gate
      ctx.log('released')
      ctx.setOutput({ text: 'done' })
    },
  }
  return { app, release }
}

/** Opens a task's stream from its creation (event 1), so no event is missed however late. */
export function streamFromStart(url: string, taskId: string, headers: Record<string, string> = {}) {
  return fetch(`${url}/tasks/${taskId}/stream`, { headers: { ...headers, 'Last-Event-ID': '1' } })
}
