import { ProblemError, quote } from './errors'

/** Where a proxied call goes: the upstream URL and its path under the API's own prefix. */
export interface ProxyTarget {
  /** The full upstream URL, always on the API's origin. */
  url: URL
  /** The path the allow-list is checked against, such as `/tasks/x/stream`. */
  path: string
}

/** The header in which the official SDK names the upstream URL. */
export const targetHeader = 'x-inf-target-url'

/** The query parameter the SDK uses instead where it cannot set headers (EventSource). */
export const targetParam = '__inf_target'

// Encoded slashes, backslashes, dots and NUL could be decoded by some server past the checks.
const encodedTricks = /%(2f|5c|2e|00)/i
const dotSegment = /(^|\/)\.{1,2}(\/|$)/

/**
 * Finds where a request to the proxy goes: the SDK's target URL when it names one, else the
 * request's path under `basePath`. Anything that could leave the API's origin or prefix is
 * refused (400 for a malformed target, 403 for another origin, 404 outside `basePath`).
 */
export function resolveTarget(request: Request, api: URL, basePath: string): ProxyTarget {
  const url = new URL(request.url)
  const asked = request.headers.get(targetHeader) ?? url.searchParams.get(targetParam)
  const prefix = api.pathname.replace(/\/+$/, '')

  if (asked !== null) {
    const upstream = parseTarget(asked, api)
    if (upstream.pathname !== prefix && !upstream.pathname.startsWith(`${prefix}/`)) {
      throw forbidden(`the proxy only forwards under ${quote(api.href)}, not ${quote(asked)}`)
    }
    const path = checkPath(upstream.pathname.slice(prefix.length))
    return { url: upstream, path }
  }

  const inBase =
    basePath === '' || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`)
  if (!inBase) {
    const detail = `${quote(url.pathname)} is not under ${basePath}`
    throw new ProblemError('not-found', 404, 'Not found', detail)
  }

  const path = checkPath(url.pathname.slice(basePath.length))
  // Built from the API's own origin: nothing in the request can change the host or scheme.
  const upstream = new URL(api.origin)
  upstream.pathname = `${prefix}${path}`
  url.searchParams.delete(targetParam)
  upstream.search = url.search
  return { url: upstream, path }
}

function parseTarget(asked: string, api: URL): URL {
  if (!/^https?:\/\/[^/\\]/i.test(asked)) {
    throw badRequest(`the target must be an absolute http(s) URL, got ${quote(asked)}`)
  }
  const rawPath = asked.replace(/^https?:\/\/[^/?#]*/i, '').replace(/[?#].*$/s, '')
  if (dotSegment.test(rawPath) || encodedTricks.test(rawPath) || rawPath.includes('\\')) {
    throw badRequest(`the target's path must not climb or hide slashes, got ${quote(asked)}`)
  }

  let upstream: URL
  try {
    upstream = new URL(asked)
  } catch {
    throw badRequest(`the target is not a valid URL: ${quote(asked)}`)
  }
  if (upstream.username !== '' || upstream.password !== '') {
    throw badRequest(`the target must not carry credentials, got ${quote(asked)}`)
  }
  if (upstream.origin !== api.origin) {
    throw forbidden(`the proxy only forwards to ${api.origin}, not ${quote(upstream.origin)}`)
  }
  upstream.hash = ''
  return upstream
}

function checkPath(path: string): string {
  if (!path.startsWith('/') || path.includes('//') || path.includes('\\')) {
    throw badRequest(`the path must be a plain API path, got ${quote(path)}`)
  }
  if (dotSegment.test(path) || encodedTricks.test(path)) {
    throw badRequest(`the path must not climb or hide slashes, got ${quote(path)}`)
  }
  return path
}

function badRequest(detail: string): ProblemError {
  return new ProblemError('bad-request', 400, 'Bad request', detail)
}

function forbidden(detail: string): ProblemError {
  return new ProblemError('forbidden', 403, 'Forbidden', detail)
}
