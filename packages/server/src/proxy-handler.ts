import { ProblemError, quote } from './errors'
import { resolveTarget } from './proxy-target'

/** A fetch-style handler, as Next.js route handlers, Hono and edge runtimes take. */
export type FetchHandler = (request: Request) => Promise<Response>

/** What `authorize` decides: `true` forwards, `false` answers 401, a `Response` is sent as is. */
export type AuthorizeResult = boolean | Response

/** Options of `createProxyHandler`. */
export interface ProxyOptions {
  /** The API key sent upstream as `Authorization: Bearer <key>`; it never reaches the browser. */
  apiKey: string
  /** The API's origin and optional path prefix. Default `'https://api.inference.sh'`. */
  target?: string
  /** The path the handler is mounted at, stripped before forwarding. Default `''`. */
  basePath?: string
  /** The calls let through, as patterns over `'METHOD /path'`. Default: `kitCalls`. */
  allow?: readonly RegExp[]
  /** Checks the app's own user first (a session cookie, a bearer token). Default: lets all in. */
  authorize?: (request: Request) => AuthorizeResult | Promise<AuthorizeResult>
  /** The largest request body forwarded, in bytes; larger ones get 413. Default 1 MB. */
  maxBodyBytes?: number
  /** The fetch that reaches the API. Default: the global `fetch`. */
  fetch?: typeof fetch
}

/** The calls the kit makes; anything else could spend the key on what the app never meant. */
export const kitCalls: readonly RegExp[] = [
  /^POST \/apps\/run$/,
  /^GET \/tasks\/[\w-]+$/,
  /^GET \/tasks\/[\w-]+\/(stream|status)$/,
  /^POST \/tasks\/[\w-]+\/cancel$/,
]

// Only these request headers go upstream: never the browser's Authorization or cookies.
const forwardedHeaders = [
  'accept',
  'content-type',
  'last-event-id',
  'x-api-version',
  'x-client-source',
]

// Upstream answer headers that are wrong once fetch has decoded the body, are hop-by-hop, or
// belong to the API's origin rather than the app's.
const droppedAnswerHeaders = new Set([
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'set-cookie',
])

// Known limit: no CORS headers and no preflight answers. The handler is meant for the app's own
// origin (a Next.js route, an Express path); another origin calling it needs the app's CORS setup.
/**
 * Creates a fetch-style handler (Request → Response) that forwards the kit's calls to the
 * inference API with the key added, so a browser never holds it. Event streams pass through
 * chunk by chunk, and a client that goes away aborts the upstream request. It also serves the
 * official SDK's proxy mode (`x-inf-target-url` header or `__inf_target` query).
 */
export function createProxyHandler(options: ProxyOptions): FetchHandler {
  const api = new URL(options.target ?? 'https://api.inference.sh')
  if (api.protocol !== 'https:' && api.protocol !== 'http:') {
    throw new TypeError(`createProxyHandler: target must be http(s), got ${quote(api.href)}`)
  }
  const basePath = (options.basePath ?? '').replace(/\/+$/, '')
  const allow = options.allow ?? kitCalls
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init))

  return async (request) => {
    try {
      // Refuse what may not go through before anyone's code runs or anything is read.
      const target = resolveTarget(request, api, basePath)
      const call = `${request.method} ${target.path}`
      if (!allow.some((pattern) => pattern.test(call))) {
        throw new ProblemError('forbidden', 403, 'Forbidden', `the proxy does not forward ${call}`)
      }

      const verdict = await decide(options.authorize, request)
      if (verdict instanceof Response) return verdict
      if (!verdict) throw unauthorized()

      const headers = new Headers()
      for (const name of forwardedHeaders) {
        const value = request.headers.get(name)
        if (value !== null) headers.set(name, value)
      }
      if (!headers.has('x-api-version')) headers.set('X-API-Version', '2')
      headers.set('Authorization', `Bearer ${options.apiKey}`)

      const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
      const upstream = await send(target.url, {
        method: request.method,
        headers,
        body: hasBody ? await readBody(request, maxBodyBytes) : null,
        signal: request.signal,
        redirect: 'manual',
      })
      if (upstream.status === 401) {
        // The server's key was refused, not the user: a 401 would send the browser to refresh
        // its own session for nothing.
        await upstream.body?.cancel()
        throw new ProblemError('bad-gateway', 502, 'Bad gateway', 'the API refused the key')
      }
      return relay(upstream)
    } catch (error) {
      return problemResponse(error)
    }
  }
}

/** Asks the app's hook; a hook that throws refuses with a 500 that does not repeat its error. */
async function decide(
  authorize: ProxyOptions['authorize'],
  request: Request,
): Promise<AuthorizeResult> {
  if (authorize === undefined) return true
  try {
    return await authorize(request)
  } catch {
    const detail = 'the authorize hook failed, so nothing was forwarded'
    throw new ProblemError('internal-error', 500, 'Internal error', detail)
  }
}

/** Passes the upstream answer on with its body untouched, so streams flow as they arrive. */
function relay(upstream: Response): Response {
  const headers = new Headers()
  upstream.headers.forEach((value, name) => {
    const dropped = droppedAnswerHeaders.has(name) || name.startsWith('access-control-')
    if (!dropped) headers.append(name, value)
  })

  const type = headers.get('content-type') ?? ''
  if (type.startsWith('text/event-stream') || type.startsWith('application/x-ndjson')) {
    // Asks CDNs and nginx-style proxies in front of the app not to hold events back.
    headers.set('Cache-Control', 'no-cache, no-transform')
    headers.set('X-Accel-Buffering', 'no')
  }
  return new Response(upstream.body, { status: upstream.status, headers })
}

// Known limit: a request body is read whole (up to `maxBodyBytes`) before it goes upstream. The
// kit only sends small JSON, and reading first lets an oversize body be refused (413) before the
// API sees anything.
async function readBody(request: Request, limit: number): Promise<ArrayBuffer | null> {
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > limit) throw tooLarge(limit)
  if (request.body === null) return null

  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength
    if (size > limit) throw tooLarge(limit)
    chunks.push(chunk)
  }

  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body.buffer
}

function unauthorized(): ProblemError {
  return new ProblemError('unauthorized', 401, 'Unauthorized', 'the app did not let this through')
}

function tooLarge(limit: number): ProblemError {
  const detail = `the request body is over ${limit} bytes`
  return new ProblemError('payload-too-large', 413, 'Payload too large', detail)
}

function problemResponse(error: unknown): Response {
  const problem =
    error instanceof ProblemError
      ? error
      : new ProblemError('bad-gateway', 502, 'Bad gateway', `the API is unreachable: ${error}`)
  const headers: Record<string, string> = {
    'Content-Type': 'application/problem+json; charset=utf-8',
  }
  if (problem.status === 401) headers['WWW-Authenticate'] = 'Bearer'
  return new Response(JSON.stringify(problem.toJSON()), { status: problem.status, headers })
}
