import { quote, StreamError } from './errors'
import { toApiError, unwrapEnvelope } from './http'
import { guard, retryAfterMs } from './open-stream'
import { sleep } from './sleep'
import { isTerminal, parseStatus } from './status'
import type { Transport } from './transport'

/**
 * Follows a task by re-reading `GET /tasks/:id` every `pollIntervalMs`, for networks where no
 * stream gets through. Each answer that differs from the last is a whole-task update; a
 * terminal status ends it with `done`. It costs a request per interval, and sees only the
 * states it happens to sample.
 */
export const pollTransport: Transport = async (request, handlers) => {
  let last: string | null = null
  let opened = false

  for (;;) {
    if (request.signal.aborted) throw request.signal.reason
    const headers = new Headers(request.headers)
    headers.set('Accept', 'application/json')
    const response = await guard(request, () =>
      request.fetch(request.taskUrl, { headers, signal: request.signal }),
    )

    if (!response.ok) {
      const wait = retryAfterMs(response.headers.get('retry-after'))
      if (wait !== null) handlers.onRetryAfter(wait)
      throw await toApiError(response, `GET ${request.taskUrl}`)
    }
    const text = await guard(request, () => response.text())
    const task = readTask(text, response.status, request.taskUrl)
    if (!opened) handlers.onOpen()
    opened = true
    handlers.onData()

    if (text !== last) handlers.onMessage({ event: 'update', data: task, id: null })
    last = text
    if (isTerminal(parseStatus(task.status))) {
      handlers.onMessage({ event: 'done', data: null, id: null })
      return 'done'
    }
    await sleep(request.pollIntervalMs, request.signal)
  }
}

function readTask(text: string, status: number, url: string): Record<string, unknown> {
  let body: unknown
  try {
    body = unwrapEnvelope(JSON.parse(text), status, `GET ${url}`)
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error
  }
  if (typeof body === 'object' && body !== null) return body as Record<string, unknown>
  const message = `GET ${url} answered ${quote(text)}, not a task`
  throw new StreamError('malformed-event', message, null)
}
