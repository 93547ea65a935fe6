import { quote, StreamError } from './errors'
import { isRecord, unwrapEnvelope } from './http'
import { guard, openStream } from './open-stream'
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
  const json = ['application/json', 'application/problem+json']

  for (;;) {
    const url = request.taskUrl
    const body = await openStream(request, json[0] ?? '', json, url)
    const text = body === null ? '' : await guard(request, () => new Response(body).text())
    const task = readTask(text, url)
    if (last === null) handlers.onOpen()

    if (text !== last) handlers.onMessage({ event: 'update', data: task, id: null })
    last = text
    if (isTerminal(parseStatus(task.status))) {
      handlers.onMessage({ event: 'done', data: null, id: null })
      return 'done'
    }
    await sleep(request.pollIntervalMs, request.signal)
  }
}

function readTask(text: string, url: string): Record<string, unknown> {
  const body = unwrapEnvelope(JSON.parse(text || 'null'), 200, `GET ${url}`)
  if (isRecord(body)) return body
  throw new StreamError('malformed-event', `Not a task: ${quote(text)}`, null)
}
