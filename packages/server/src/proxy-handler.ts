import { ProblemError, quote } from './errors'

/** Options of `createProxyHandler`. */
export interface ProxyOptions {
  /** The API key sent upstream as `Authorization: Bearer <key>`; it never reaches the browser. */
  apiKey: string
  /** The API to forward to. Default `'https://api.inference.sh'`. */
  target?: string
  /** The path the handler is mounted at, stripped before forwarding. Default `''`. */
  basePath?: string
  /** The calls let through, as `METHOD /path` patterns. Default: `kitCalls`. */
  allow?: RegExp[]
  /** The fetch that reaches the API. Default: the global `fetch`. */
  fetch?: typeof fetch
}

/** The calls the kit makes; anything else could spend the key on what the app never meant. */
export const kitCalls: readonly RegExp[] = [
  /^POST \/apps\/run$/,
  /^GET \/tasks\/[^/]+$/,
  /^GET \/tasks\/[^/]+\/(stream|status)$/,
  /^POST \/tasks\/[^/]+\/cancel$/,
]

// Hop-by-hop headers, and the ones the proxy sets itself or must never pass on.
const dropped = new Set([
  'authorization',
  'connection',
  'content-length',
  'cookie',
  'host',
  'keep-alive',
  'transfer-encoding',
  'x-inf-target-url',
])

/**
 * Creates a fetch-style handler (Request → Response) that forwards the kit's calls to the
 * inference API with the key added, so a browser never holds it. Streams pass through as they
 * come. It honours the official SDK's `x-inf-target-url` header (or `__inf_target` query) only
 * when it points at `target`.
 */
export function createProxyHandler(options: ProxyOptions): (request: Request) => Promise<Response> {
  const target = new URL(options.target ?? 'https://api.inference.sh')
  const basePath = (options.basePath ?? '').replace(/\/+$/, '')
  const allow = options.allow ?? kitCalls
  const send = options.fetch ?? fetch

  return async (request) => {
    try {
      const upstream = upstreamUrl(request, target, basePath)
      const path = upstream.pathname.slice(target.pathname.replace(/\/$/, '').length)
      const call = `${request.method} ${path}`
      if (!allow.some((pattern) => pattern.test(call))) {
        throw new ProblemError(
          'forbidden',
          403,
          'Forbidden',
          `the proxy does not forward ${quote(call)}`,
        )
      }

      const headers = new Headers()
      request.headers.forEach((value, name) => {
        if (!dropped.has(name.toLowerCase())) headers.set(name, value)
      })
      headers.set('Authorization', `Bearer ${options.apiKey}`)

      const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
      const response = await send(upstream, {
        method: request.method,
        headers,
        body: hasBody ? await request.arrayBuffer() : null,
        signal: request.signal,
      })

      // fetch has already decoded the body, so its encoding and length no longer hold.
      const answer = new Headers(response.headers)
      answer.delete('content-encoding')
      answer.delete('content-length')
      return new Response(response.body, { status: response.status, headers: answer })
    } catch (error) {
      const problem =
        error instanceof ProblemError
          ? error
          : new ProblemError(
              'bad-gateway',
              502,
              'Bad gateway',
              `the API is unreachable: ${String(error)}`,
            )
      return Response.json(problem.toJSON(), {
        status: problem.status,
        headers: { 'Content-Type': 'application/problem+json; charset=utf-8' },
      })
    }
  }
}

function upstreamUrl(request: Request, target: URL, basePath: string): URL {
  const url = new URL(request.url)
  const asked = request.headers.get('x-inf-target-url') ?? url.searchParams.get('__inf_target')
  if (asked !== null) {
    const upstream = new URL(asked)
    if (upstream.origin !== target.origin) {
      const detail = `the proxy only forwards to ${target.origin}, not ${quote(upstream.origin)}`
      throw new ProblemError('forbidden', 403, 'Forbidden', detail)
    }
    return upstream
  }

  if (basePath !== '' && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
    throw new ProblemError(
      'not-found',
      404,
      'Not found',
      `${quote(url.pathname)} is not under ${basePath}`,
    )
  }
  const path = url.pathname.slice(basePath.length)
  return new URL(`${target.pathname.replace(/\/$/, '')}${path}${url.search}`, target)
}
