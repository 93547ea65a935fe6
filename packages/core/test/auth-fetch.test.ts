import { describe, expect, it, vi } from 'vitest'
import { createAuthFetch } from '../src/auth-fetch'
import { ApiError, createClient, type GetToken } from '../src/index'
import { jsonResponse } from './helpers/sse'

/** A fetch that answers 401 to every token but `good`, recording what each request carried. */
function guardedFetch(good: () => string) {
  const seen: { authorization: string | null; body: string | null }[] = []
  const send: typeof fetch = async (_input, init) => {
    const authorization = new Headers(init?.headers).get('authorization')
    seen.push({ authorization, body: typeof init?.body === 'string' ? init.body : null })
    if (authorization !== `Bearer ${good()}`) return jsonResponse({ title: 'Unauthorized' }, 401)
    return jsonResponse({ id: 't', status: 7 })
  }
  return { send, seen }
}

/** A token source that hands out `t1`, then `t2`, `t3`… on each refresh, counting the asks. */
function rotatingTokens(asyncAnswers = false) {
  const asks: boolean[] = []
  let version = 1
  const getToken: GetToken = ({ refresh }) => {
    asks.push(refresh)
    if (refresh) version += 1
    const token = `t${version}`
    return asyncAnswers ? Promise.resolve(token) : token
  }
  return { getToken, asks }
}

describe('createAuthFetch', () => {
  it('asks for the token on every request and sends it as a bearer', async () => {
    const { getToken, asks } = rotatingTokens()
    const { send, seen } = guardedFetch(() => 't1')
    const authed = createAuthFetch(send, getToken)

    await authed('http://api.test/a')
    await authed('http://api.test/b', { headers: { 'X-API-Version': '2' } })

    expect(asks).toEqual([false, false])
    expect(seen.map((request) => request.authorization)).toEqual(['Bearer t1', 'Bearer t1'])
  })

  it('refreshes once after a 401 and sends the request again, body and all', async () => {
    const { getToken, asks } = rotatingTokens(true)
    const { send, seen } = guardedFetch(() => 't2')
    const authed = createAuthFetch(send, getToken)

    const answer = await authed('http://api.test/run', { method: 'POST', body: '{"app":"x"}' })

    expect(answer.status).toBe(200)
    expect(asks).toEqual([false, true])
    expect(seen).toEqual([
      { authorization: 'Bearer t1', body: '{"app":"x"}' },
      { authorization: 'Bearer t2', body: '{"app":"x"}' },
    ])
  })

  it('returns the second 401 without asking again', async () => {
    const { getToken, asks } = rotatingTokens()
    const { send, seen } = guardedFetch(() => 'never')

    const answer = await createAuthFetch(send, getToken)('http://api.test/a')

    expect(answer.status).toBe(401)
    expect(asks).toEqual([false, true])
    expect(seen).toHaveLength(2)
  })

  it('shares one refresh among requests refused together', async () => {
    const { getToken, asks } = rotatingTokens(true)
    const { send } = guardedFetch(() => 't2')
    const authed = createAuthFetch(send, getToken)

    const answers = await Promise.all([authed('http://a.test'), authed('http://b.test')])

    expect(answers.map((answer) => answer.status)).toEqual([200, 200])
    expect(asks.filter((refresh) => refresh)).toHaveLength(1)
  })

  it('sends no Authorization header when the token is null', async () => {
    const { send, seen } = guardedFetch(() => 'x')

    await createAuthFetch(send, () => null)('http://api.test/a', {
      headers: { Authorization: 'Bearer stale' },
    })

    expect(seen.map((request) => request.authorization)).toEqual([null, null])
  })
})

describe('createClient({ getToken })', () => {
  it('fails with a 401 ApiError after one refresh that does not help', async () => {
    const { getToken, asks } = rotatingTokens()
    const { send } = guardedFetch(() => 'never')
    const client = createClient({ baseUrl: 'http://api.test', fetch: send, getToken })

    const error = await client.getTask('t').catch((caught: unknown) => caught)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ type: 'api', status: 401 })
    expect(asks).toEqual([false, true])
  })

  it('sends the token through the proxy URL, with the API version', async () => {
    const seen: Request[] = []
    const send: typeof fetch = async (input, init) => {
      seen.push(new Request(input, init))
      return jsonResponse({ id: 't', status: 7 })
    }
    const client = createClient({
      proxyUrl: 'http://app.test/api/inference',
      fetch: send,
      getToken: () => 'session',
    })

    await client.getTask('t')

    expect(seen[0]?.url).toBe('http://app.test/api/inference/tasks/t')
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer session')
    expect(seen[0]?.headers.get('x-api-version')).toBe('2')
  })

  it('warns once, in development, when a proxied client is also given the key', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      createClient({ proxyUrl: '/api/inference', apiKey: 'sk-in-the-page' })
      createClient({ proxyUrl: '/api/inference', apiKey: 'sk-in-the-page' })
      createClient({ proxyUrl: '/api/inference' })

      expect(warn).toHaveBeenCalledTimes(1)
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/^\[@taskstream\/core\] .*proxyUrl.*apiKey/)
    } finally {
      warn.mockRestore()
    }
  })
})
