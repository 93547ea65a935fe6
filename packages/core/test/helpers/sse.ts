/** Test helpers for streams: SSE frames, byte chunks split anywhere, and a scripted fetch. */

/** One SSE event as the server writes it. */
export function frame(event: string, data: unknown, id?: number | string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data)
  const idLine = id === undefined ? '' : `id: ${id}\n`
  return `${idLine}event: ${event}\ndata: ${payload}\n\n`
}

/** Encodes text and cuts the bytes at the given offsets (mid-character cuts allowed). */
export function splitBytes(text: string, cuts: number[]): Uint8Array[] {
  const bytes = new TextEncoder().encode(text)
  const points = [0, ...cuts.filter((cut) => cut > 0 && cut < bytes.length), bytes.length]
  return points.slice(1).map((end, index) => bytes.slice(points[index], end))
}

/** A body that yields the chunks in order, then ends. */
export function bodyOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks[index]
      index += 1
      if (chunk === undefined) controller.close()
      else controller.enqueue(chunk)
    },
  })
}

/** A body that yields the chunks, then stays open until `signal` aborts it (as fetch does). */
export function openBodyOf(
  chunks: Uint8Array[],
  signal: AbortSignal | null,
): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk)
      signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true })
    },
  })
}

/** An SSE answer that stays open after the given text until the request is aborted. */
export function openSseResponse(text: string, signal: AbortSignal | null): Response {
  const body = openBodyOf(splitBytes(text, []), signal)
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } })
}

/** An SSE answer made of the given chunks. */
export function sseResponse(chunks: Uint8Array[] | string, init: ResponseInit = {}): Response {
  const parts = typeof chunks === 'string' ? splitBytes(chunks, []) : chunks
  const headers = { 'Content-Type': 'text/event-stream', ...init.headers }
  return new Response(bodyOf(parts), { status: 200, ...init, headers })
}

/** A JSON answer. */
export function jsonResponse(body: unknown, status = 200, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

/** A request the scripted fetch saw. */
export interface SeenRequest {
  url: string
  method: string
  headers: Headers
  body: string | null
  signal: AbortSignal | null
}

/** A fetch that answers each call with the next scripted answer and records what it saw. */
export function scriptedFetch(answers: Array<(request: SeenRequest) => Response>) {
  const seen: SeenRequest[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request: SeenRequest = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : null,
      signal: init?.signal ?? null,
    }
    seen.push(request)
    const answer = answers[seen.length - 1]
    if (answer === undefined) throw new TypeError(`no answer scripted for call ${seen.length}`)
    return answer(request)
  }
  return { fetch: fetch as typeof globalThis.fetch, seen }
}
