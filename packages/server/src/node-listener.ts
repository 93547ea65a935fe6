import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { ProblemError } from './errors'
import { sendProblem } from './http-io'
import type { FetchHandler } from './proxy-handler'

/** A request that a body parser (such as `express.json()`) may already have read. */
type ParsedRequest = IncomingMessage & { body?: unknown }

/**
 * Mounts a fetch-style handler in Node's `http` server, Express or Connect. The answer is
 * written chunk by chunk as it comes, and a client that goes away aborts the handler's request
 * and cancels the answer's body, so a proxied stream closes upstream too.
 */
export function toNodeListener(
  handler: FetchHandler,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => void serve(handler, req, res)
}

async function serve(handler: FetchHandler, req: ParsedRequest, res: ServerResponse) {
  const gone = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) gone.abort(new Error('the client closed the connection'))
  })

  let request: Request
  try {
    request = toRequest(req, gone.signal)
  } catch {
    const detail = 'the request target must be a path, such as /tasks/x'
    sendProblem(res, new ProblemError('bad-request', 400, 'Bad request', detail))
    return
  }

  let response: Response
  try {
    response = await handler(request)
  } catch {
    // The handler's own error stays on the server: its message may say more than a client should.
    const detail = 'the handler failed before answering'
    sendProblem(res, new ProblemError('internal-error', 500, 'Internal error', detail))
    return
  }
  if (gone.signal.aborted) {
    await response.body?.cancel()
    return
  }

  res.statusCode = response.status
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value)
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) res.setHeader('set-cookie', cookies)
  // Headers go out now, so a stream's client knows it is open before the first event.
  res.flushHeaders()

  if (response.body === null) {
    res.end()
    return
  }
  await pipe(response.body, res)
}

/** Writes each chunk as it comes, waiting when the socket is full; cancels if the client left. */
async function pipe(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader()
  // A client that leaves cancels the body, and with it the upstream request.
  const cancel = (): void => void reader.cancel().catch(() => undefined)
  res.once('close', cancel)
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done || res.destroyed) break
      if (!res.write(value)) await drained(res)
    }
    res.end()
  } catch {
    res.destroy()
  } finally {
    res.off('close', cancel)
  }
}

function toRequest(req: ParsedRequest, signal: AbortSignal): Request {
  // An absolute-form target (`GET http://other/…`) is no path of this server.
  if (req.url === undefined || !req.url.startsWith('/')) throw new Error('not a path')
  const url = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`)

  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item)
    else if (value !== undefined) headers.set(name, value)
  }

  const method = req.method ?? 'GET'
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal }
  if (method !== 'GET' && method !== 'HEAD') {
    if (req.readableEnded && req.body !== undefined) {
      // A body parser got there first: send on what it read, re-serialised.
      const { body } = req
      init.body = typeof body === 'string' || body instanceof Buffer ? body : JSON.stringify(body)
      headers.delete('content-length')
    } else {
      init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>
      init.duplex = 'half'
    }
  }
  return new Request(url, init)
}

/** Resolves once the socket takes more, or once it has closed and never will. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.once('drain', done)
    res.once('close', done)
  })
}
