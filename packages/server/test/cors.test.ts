import { describe, expect, it } from 'vitest'
import { runApp, startServer } from './helpers'

describe('CORS', () => {
  it('answers a preflight with 204 and the allowed methods and headers', async () => {
    const { url } = await startServer()

    const response = await fetch(`${url}/apps/run`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, x-api-version',
      },
    })

    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS')
    const allowed = response.headers.get('access-control-allow-headers')?.split(', ')
    expect(allowed).toEqual(
      expect.arrayContaining([
        'Authorization',
        'Content-Type',
        'Accept',
        'X-API-Version',
        'Last-Event-ID',
      ]),
    )
  })

  it('allows any origin on answers, streams, files and problems', async () => {
    const { url } = await startServer()
    const task = await runApp(url, 'local/text', { prompt: 'x', max_tokens: 1 })

    const answers = await Promise.all([
      fetch(`${url}/apps`),
      fetch(`${url}/tasks/${task.id}/stream`),
      fetch(`${url}/tasks/task_missing`),
    ])

    for (const response of answers) {
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      await response.body?.cancel()
    }
  })

  it('accepts and ignores any Authorization header', async () => {
    const { url } = await startServer()

    const response = await fetch(`${url}/apps/run`, {
      method: 'POST',
      headers: { Authorization: 'Bearer anything', 'X-API-Version': '2' },
      body: JSON.stringify({ app: 'local/lifecycle', input: {} }),
    })

    expect(response.status).toBe(201)
  })
})
