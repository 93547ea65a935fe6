import { quote, StreamError } from './errors'
import { toApiError } from './http'
import type { TransportRequest } from './transport'

/**
 * Opens a streaming GET and checks its answer: `null` for a `204` (the server says stop), the
 * body for a 2xx of one of the `accepted` media types. An error status rejects with `ApiError`
 * (its `retryAfterMs` read from `Retry-After`); any other media type (a proxy's login page) is
 * refused unread. An already-aborted signal makes no request at all.
 */
export async function openStream(
  request: TransportRequest,
  accept: string,
  accepted: readonly string[],
  url = request.url,
): Promise<ReadableStream<Uint8Array> | null> {
  if (request.signal.aborted) throw request.signal.reason

  const headers = new Headers(request.headers)
  headers.set('Accept', accept)
  if (request.lastEventId !== null) headers.set('Last-Event-ID', request.lastEventId)
  const response = await guard(request, () =>
    request.fetch(url, { headers, signal: request.signal }),
  )

  if (response.status === 204) {
    await response.body?.cancel().catch(() => undefined)
    return null
  }
  if (!response.ok) throw await toApiError(response, `GET ${url}`)

  const contentType = (response.headers.get('content-type') ?? '').toLowerCase()
  if (!accepted.some((type) => contentType.startsWith(type))) {
    await response.body?.cancel().catch(() => undefined)
    const message = `${url} answered ${quote(contentType)}`
    throw new StreamError('unexpected-content-type', message, null)
  }
  return response.body ?? new ReadableStream({ start: (controller) => controller.close() })
}

/**
 * Reads a body as text, chunk by chunk, until it ends or `onText` returns `false`. Multi-byte
 * characters cut between chunks are joined and a leading BOM is dropped (`TextDecoder`). A body
 * silent for `heartbeatTimeoutMs` is cancelled and rejects as a `network` error.
 */
export async function readText(
  request: TransportRequest,
  body: ReadableStream<Uint8Array>,
  onText: (text: string) => boolean,
): Promise<void> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const limit = request.heartbeatTimeoutMs
  let timer: ReturnType<typeof setTimeout> | undefined

  const silence = (): Promise<never> =>
    new Promise((_, reject) => {
      timer = setTimeout(() => {
        const message = `${request.url} was silent for ${limit} ms`
        reject(new StreamError('network', message, null))
      }, limit)
    })

  try {
    for (;;) {
      const read = guard(request, () => reader.read())
      const chunk = limit > 0 ? await Promise.race([read, silence()]) : await read
      clearTimeout(timer)
      if (chunk.done) return
      if (chunk.value.byteLength === 0) continue
      if (!onText(decoder.decode(chunk.value, { stream: true }))) return
    }
  } finally {
    clearTimeout(timer)
    // Ends the connection early (after `done`, or a silent one); a no-op on a finished body.
    reader.cancel().catch(() => undefined)
  }
}

/** Runs one network step: an abort rethrows the signal's reason, anything else is `network`. */
export async function guard<T>(request: TransportRequest, step: () => Promise<T>): Promise<T> {
  try {
    return await step()
  } catch (error) {
    if (request.signal.aborted) throw request.signal.reason
    const reason = error instanceof Error ? error.message : quote(error)
    const message = `The stream at ${request.url} failed: ${reason}`
    throw new StreamError('network', message, null, error)
  }
}
