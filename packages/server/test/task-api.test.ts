import { describe, expect, it } from 'vitest'
import { runApp, startServer, waitFor } from './helpers'

const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

describe('POST /apps/run', () => {
  it('answers 201 with the created task in the seed shape', async () => {
    const { url } = await startServer()

    const response = await post(`${url}/apps/run`, { app: 'local/text', input: { prompt: 'hi' } })
    const task = await response.json()

    expect(response.status).toBe(201)
    expect(response.headers.get('location')).toBe(`/tasks/${task.id}`)
    expect(task).toMatchObject({
      app: 'local/text',
      status: 1,
      input: { prompt: 'hi', max_tokens: 60 },
      output: null,
      logs: '',
      error: null,
    })
    expect(task.id).toMatch(/^task_[0-9a-f]+$/)
    expect(Date.parse(task.created_at)).not.toBeNaN()
    expect(Date.parse(task.updated_at)).not.toBeNaN()
  })

  it('gives every task its own id', async () => {
    const { url } = await startServer()

    const [a, b] = await Promise.all([
      runApp(url, 'local/lifecycle', {}),
      runApp(url, 'local/lifecycle', {}),
    ])

    expect(a.id).not.toBe(b.id)
  })

  it('answers a 404 problem for an unknown app', async () => {
    const { url } = await startServer()

    const response = await post(`${url}/apps/run`, { app: 'local/missing', input: {} })

    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(await response.json()).toMatchObject({
      type: 'urn:taskstream:problem:app-not-found',
      title: 'App not found',
      status: 404,
      detail: expect.stringContaining('"local/missing"'),
    })
  })

  it.each([
    [{ prompt: 42 }, 'must be a string'],
    [{}, 'input.prompt is required'],
    [{ prompt: 'x', width: 12.5 }, 'must be an integer'],
    [{ prompt: 'x', width: 1 }, 'at least 8'],
    [{ prompt: 'x', steps: 10_000 }, 'at most 200'],
  ])('answers a 400 problem for input %j', async (input, detail) => {
    const { url } = await startServer()

    const response = await post(`${url}/apps/run`, { app: 'local/image', input })
    const problem = await response.json()

    expect(response.status).toBe(400)
    expect(problem.type).toBe('urn:taskstream:problem:invalid-input')
    expect(problem.detail).toContain(detail)
  })

  it('answers a 400 problem for a body that is not JSON or has no app', async () => {
    const { url } = await startServer()

    const broken = await post(`${url}/apps/run`, '{"app":')
    const noApp = await post(`${url}/apps/run`, { input: {} })

    expect(broken.status).toBe(400)
    expect((await broken.json()).type).toBe('urn:taskstream:problem:bad-request')
    expect(noApp.status).toBe(400)
  })
})

describe('GET /tasks/:id', () => {
  it('answers the task as it is now', async () => {
    const { url } = await startServer()
    const created = await runApp(url, 'local/text', { prompt: 'sea', max_tokens: 3 })

    let task: Record<string, unknown> = {}
    await waitFor(async () => {
      task = await (await fetch(`${url}/tasks/${created.id}`)).json()
      return task.status === 10
    })

    expect(task.id).toBe(created.id)
    expect((task.output as { text: string }).text.split(' ')).toHaveLength(3)
    expect(task.logs).toContain('Generated 3 tokens')
  })

  it('answers a 404 problem for an unknown task', async () => {
    const { url } = await startServer()

    const response = await fetch(`${url}/tasks/task_nope`)

    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({
      type: 'urn:taskstream:problem:task-not-found',
      status: 404,
    })
  })

  it('answers the status alone at /tasks/:id/status, as the SDK polls it', async () => {
    const { url } = await startServer()
    const created = await runApp(url, 'local/lifecycle', {})

    const status = await (await fetch(`${url}/tasks/${created.id}/status`)).json()

    expect(status).toEqual({
      id: created.id,
      status: expect.any(Number),
      updated_at: expect.any(String),
    })
  })
})

describe('GET /apps', () => {
  it('lists the built-in apps with their input schemas', async () => {
    const { url } = await startServer()

    const apps = await (await fetch(`${url}/apps`)).json()

    expect(apps.map((app: { id: string }) => app.id)).toEqual([
      'local/image',
      'local/text',
      'local/audio',
      'local/fail',
      'local/lifecycle',
    ])
    expect(apps[0].input.width).toEqual({
      type: 'integer',
      description: expect.any(String),
      default: 512,
      minimum: 8,
      maximum: 2048,
    })
    expect(apps[0].input.prompt).toEqual({ type: 'string', description: expect.any(String) })
  })
})

describe('routing', () => {
  it('answers 404 for unknown paths and 405 for a wrong method', async () => {
    const { url } = await startServer()

    const missing = await fetch(`${url}/nothing/here`)
    const wrongMethod = await fetch(`${url}/apps/run`)

    expect(missing.status).toBe(404)
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('POST, OPTIONS')
  })

  it('answers 404 for a task id that is not even valid percent-encoding', async () => {
    const { url } = await startServer()

    const response = await fetch(`${url}/tasks/%zz`)

    expect(response.status).toBe(404)
  })
})
