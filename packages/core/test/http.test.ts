import { describe, expect, it } from 'vitest'
import { readProblem, toApiError, unwrapEnvelope } from '../src/http'
import { ApiError } from '../src/index'
import { jsonResponse } from './helpers/sse'

const label = 'GET http://api.test/tasks/t'

describe('unwrapEnvelope', () => {
  it('returns a bare task as it is, and the payload of either older envelope', () => {
    const task = { id: 't', status: 7 }

    expect(unwrapEnvelope(task, 200, label)).toBe(task)
    expect(unwrapEnvelope({ success: true, status: 200, data: task }, 200, label)).toBe(task)
    expect(unwrapEnvelope({ data: task, messages: [] }, 200, label)).toBe(task)
  })

  it('throws a failed envelope even when it also carries data and messages', () => {
    const body = { success: false, data: null, messages: [{ message: 'quota used up' }] }

    const error = (() => {
      try {
        return unwrapEnvelope(body, 200, label)
      } catch (caught) {
        return caught
      }
    })()

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 400, problem: { detail: 'quota used up' } })
  })
})

describe('readProblem', () => {
  it('reads RFC 9457 problems, {error: {code, message}}, {error} and {message}', () => {
    const rfc = { type: 'https://api.test/problems/quota', title: 'Quota', detail: 'used up' }

    expect(readProblem(rfc)).toEqual({ title: 'Quota', detail: 'used up', code: rfc.type })
    expect(readProblem({ error: { code: 'not_found', message: 'no task' } })).toEqual({
      title: 'not_found',
      detail: 'no task',
      code: 'not_found',
    })
    expect(readProblem({ error: 'invalid key' })).toMatchObject({ detail: 'invalid key' })
    expect(readProblem({ message: 'down' })).toMatchObject({ detail: 'down' })
  })
})

describe('toApiError', () => {
  it('keeps the status of a 401 problem+json answer and quotes a body that is not JSON', async () => {
    const problem = { title: 'Unauthorized', status: 401, detail: 'the API key is not valid' }
    const refused = await toApiError(jsonResponse(problem, 401, 'application/problem+json'), label)
    const text = await toApiError(new Response('upstream down', { status: 502 }), label)

    expect(refused).toMatchObject({ type: 'api', status: 401, problem: { title: 'Unauthorized' } })
    expect(text).toMatchObject({ status: 502, problem: { detail: '"upstream down"' } })
  })

  it('reads Retry-After, in seconds or as a date, into retryAfterMs', async () => {
    const refused = (retryAfter?: string) => {
      const headers: Record<string, string> =
        retryAfter === undefined ? {} : { 'Retry-After': retryAfter }
      return toApiError(new Response('', { status: 503, headers }), label)
    }
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString()

    expect((await refused('2')).retryAfterMs).toBe(2000)
    expect((await refused('0')).retryAfterMs).toBe(0)
    expect((await refused(inTenSeconds)).retryAfterMs).toBeGreaterThan(8000)
    expect((await refused(inTenSeconds)).retryAfterMs).toBeLessThanOrEqual(10_000)
    expect((await refused('soon')).retryAfterMs).toBeNull()
    expect((await refused()).retryAfterMs).toBeNull()
  })
})
