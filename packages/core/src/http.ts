import { ApiError, type Problem, quote } from './errors'

/** What every request needs: where to send it, how to authenticate, and which `fetch`. */
export interface HttpConfig {
  /** The API's address; paths are appended to it. */
  baseUrl: string
  /** Sent as a bearer token; `null` sends no Authorization header. */
  apiKey: string | null
  /** The fetch every request goes through. */
  fetch: typeof fetch
  /** Extra headers for every request. */
  headers: Record<string, string>
}

/** One JSON request to the API. */
export interface RequestOptions {
  /** The HTTP method; a POST always sends a JSON body (`{}` when none is given). */
  method: 'GET' | 'POST'
  /** The path under the base URL, such as `/apps/run`. */
  path: string
  /** What a POST sends, as JSON. */
  body?: unknown
  /** Aborts the request. */
  signal?: AbortSignal | undefined
}

/** The full URL of an API path, such as `/tasks/x`, under the configured base URL. */
export function apiUrl(config: HttpConfig, path: string): string {
  return `${config.baseUrl.replace(/\/+$/, '')}${path}`
}

/** The headers every call carries: the key as a bearer token (never in the URL) and the version. */
export function apiHeaders(config: HttpConfig, extra: Record<string, string>): Headers {
  const headers = new Headers(config.headers)
  headers.set('X-API-Version', '2')
  if (config.apiKey !== null) headers.set('Authorization', `Bearer ${config.apiKey}`)
  for (const [name, value] of Object.entries(extra)) headers.set(name, value)
  return headers
}

/** Sends a JSON request and returns the answer without its envelope; errors become `ApiError`. */
export async function request(config: HttpConfig, options: RequestOptions): Promise<unknown> {
  const url = apiUrl(config, options.path)
  const label = `${options.method} ${url}`
  const post = options.method === 'POST'

  const response = await config.fetch(url, {
    method: options.method,
    headers: apiHeaders(config, post ? { 'Content-Type': 'application/json' } : {}),
    body: post ? JSON.stringify(options.body ?? {}) : null,
    signal: options.signal ?? null,
  })

  if (!response.ok) throw await toApiError(response, label)

  const text = await response.text()
  const body = readJson(text)
  if (body === undefined) {
    const problem = { title: 'Invalid JSON', detail: `The answer was ${quote(text)}`, code: null }
    throw new ApiError(response.status, problem, label)
  }
  return unwrapEnvelope(body, response.status, label)
}

/**
 * Takes the payload out of the older envelopes, `{success, status, data}` and `{data, messages}`;
 * a bare object comes back as it is. A `success: false` envelope throws an `ApiError`.
 */
export function unwrapEnvelope(body: unknown, status: number, label: string): unknown {
  if (!isRecord(body) || 'id' in body) return body

  // `success` first: a failed envelope may carry `data: null` and `messages` too.
  if (body.success === false) {
    // A failed envelope can arrive with a 200; report it as a 400 unless it names a status.
    const named = typeof body.status === 'number' && body.status >= 400 ? body.status : null
    throw new ApiError(named ?? Math.max(status, 400), readProblem(body), label)
  }
  if (body.success === true || ('data' in body && 'messages' in body)) return body.data
  return body
}

/** Builds the `ApiError` for a non-2xx answer from its problem+json or `{error}` body. */
export async function toApiError(response: Response, label: string): Promise<ApiError> {
  const text = await response.text().catch(() => '')
  const body = readJson(text)
  const problem = body === undefined ? null : readProblem(body)

  const fallback = { title: response.statusText || 'Error', detail: null, code: null }
  const wait = readRetryAfter(response.headers.get('retry-after'))
  if (problem !== null) return new ApiError(response.status, problem, label, wait)
  if (text.trim() === '') return new ApiError(response.status, fallback, label, wait)
  return new ApiError(response.status, { ...fallback, detail: quote(text) }, label, wait)
}

/** Reads `Retry-After` (seconds, or an HTTP date) as milliseconds from now. */
export function readRetryAfter(value: string | null): number | null {
  if (value === null || value.trim() === '') return null
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now())
}

/** Reads a problem+json object, `{error: {code, message}}`, `{error: '…'}` or `{message}`. */
export function readProblem(body: unknown): Problem {
  if (!isRecord(body)) return { title: 'Error', detail: null, code: null }
  const error = body.error
  const nested = isRecord(error) ? error : {}

  const title = text(body.title) ?? text(nested.code) ?? 'Error'
  const detail =
    text(body.detail) ??
    text(nested.message) ??
    text(error) ??
    text(body.message) ??
    messageList(body.messages)
  const code = text(nested.code) ?? text(body.code) ?? text(body.type)
  return { title, detail, code }
}

/** Whether a value is a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readJson(source: string): unknown {
  if (source.trim() === '') return null
  try {
    return JSON.parse(source) as unknown
  } catch {
    return undefined
  }
}

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value)
  return typeof value === 'string' && value !== '' ? value : null
}

function messageList(messages: unknown): string | null {
  if (!Array.isArray(messages)) return null
  const parts = messages.map((item) => (isRecord(item) ? text(item.message) : text(item)))
  const found = parts.filter((part): part is string => part !== null)
  return found.length > 0 ? found.join('; ') : null
}
