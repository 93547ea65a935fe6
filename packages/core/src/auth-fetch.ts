/** What `getToken` is told about the call it supplies a token for. */
export interface TokenRequest {
  /** `true` after the server refused the last token with a 401: fetch a fresh one. */
  refresh: boolean
}

/** Supplies the bearer token for each request, sync or async; `null` sends none. */
export type GetToken = (
  request: TokenRequest,
) => string | null | undefined | Promise<string | null | undefined>

/**
 * Wraps `fetch` so each request carries `Authorization: Bearer <token>` from `getToken`. A 401
 * asks for a fresh token once and sends the request again; a second 401 is returned as it is,
 * for the caller to turn into an `ApiError`. Requests refused together share one refresh.
 */
export function createAuthFetch(send: typeof fetch, getToken: GetToken): typeof fetch {
  let refreshing: Promise<string | null | undefined> | null = null

  const sendWith = async (
    input: Parameters<typeof fetch>[0],
    init: RequestInit | undefined,
    token: ReturnType<GetToken>,
  ): Promise<Response> => {
    const headers = new Headers(init?.headers)
    const value = await token
    if (value) headers.set('Authorization', `Bearer ${value}`)
    else headers.delete('Authorization')
    return send(input, { ...init, headers })
  }

  // Known limit: the retry sends `init` again as it was given, so a one-shot body (a stream)
  // could not be resent; the kit's own requests only ever carry JSON strings.
  return async (input, init) => {
    const first = await sendWith(input, init, getToken({ refresh: false }))
    if (first.status !== 401) return first

    // The refused answer is not read; free its connection before asking again.
    void first.body?.cancel().catch(() => undefined)
    refreshing ??= Promise.resolve(getToken({ refresh: true })).finally(() => {
      refreshing = null
    })
    return sendWith(input, init, refreshing)
  }
}
