import { timingSafeEqual } from 'node:crypto'
import { ProblemError } from './errors'

/** The key the server requires: one fixed key, or a check of each presented key. */
export type ApiKeyOption = string | ((key: string) => boolean)

/** Answers `null` when a request's `Authorization` header carries an accepted key, else the 401. */
export type ApiKeyCheck = (authorization: string | undefined) => ProblemError | null

/** Builds the check for `createTaskServer({ apiKey })`; without a key every request passes. */
export function createApiKeyCheck(apiKey: ApiKeyOption | undefined): ApiKeyCheck {
  if (apiKey === undefined) return () => null
  const accepts = typeof apiKey === 'string' ? sameKey(apiKey) : apiKey

  return (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
    const key = match?.[1]
    if (key === undefined) {
      const detail = 'send the API key as "Authorization: Bearer <key>"'
      return new ProblemError('unauthorized', 401, 'Unauthorized', detail)
    }
    if (!accepts(key)) {
      return new ProblemError('unauthorized', 401, 'Unauthorized', 'the API key is not valid')
    }
    return null
  }
}

function sameKey(expected: string): (key: string) => boolean {
  const wanted = Buffer.from(expected)
  return (key) => {
    const given = Buffer.from(key)
    // Compared in constant time, so the answer's timing says nothing about the key.
    return given.length === wanted.length && timingSafeEqual(given, wanted)
  }
}
