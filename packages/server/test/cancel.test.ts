import { describe, expect, it } from 'vitest'
import type { TaskApp } from '../src'
import { parseSse, readBody, runApp, startServer } from './helpers'

/** An app that works until it is told to stop, and says when its work has ended. */
function foreverApp() {
  let ended!: (reason: unknown) => void
  const workEnded = new Promise((resolve) => {
    ended = resolve
  })
  const app: TaskApp = {
    id: 'test/forever',
    name: 'Forever',
    description: 'Ticks until cancelled.',
    input: {},
    async run(ctx) {
      try {
        for (;;) {
          ctx.log('tick')
          await ctx.sleep(5)
        }
      } catch (error) {
        ended(error)
        throw error
      }
    },
  }
  return { app, workEnded }
}

describe('POST /tasks/:id/cancel', () => {
  it('ends the task CANCELLED and stops the app through its signal', async () => {
    const { app, workEnded } = foreverApp()
    const { url } = await startServer({ apps: [app], timeScale: 1 })
    const task = await runApp(url, 'test/forever', {})
    const stream = fetch(`${url}/tasks/${task.id}/stream`).then((response) => readBody(response))

    const response = await fetch(`${url}/tasks/${task.id}/cancel`, { method: 'POST' })
    const cancelled = await response.json()

    expect(response.status).toBe(200)
    expect(cancelled).toMatchObject({ id: task.id, status: 12 })
    await expect(workEnded).resolves.toBeInstanceOf(Error)
    const events = parseSse(await stream)
    expect(events.at(-1)?.event).toBe('done')
    expect(JSON.parse(events.at(-2)?.data ?? '').data.status).toBe(12)
  })

  it('keeps later reports of a stopped app out of the task', async () => {
    const { app, workEnded } = foreverApp()
    const { url } = await startServer({ apps: [app], timeScale: 1 })
    const task = await runApp(url, 'test/forever', {})

    const cancelled = await (
      await fetch(`${url}/tasks/${task.id}/cancel`, { method: 'POST' })
    ).json()
    await workEnded
    const later = await (await fetch(`${url}/tasks/${task.id}`)).json()

    expect(later).toEqual(cancelled)
  })

  it('answers a task that has already ended as it is', async () => {
    const { url } = await startServer()
    const task = await runApp(url, 'local/text', { prompt: 'x', max_tokens: 2 })
    await readBody(await fetch(`${url}/tasks/${task.id}/stream`))

    const response = await fetch(`${url}/tasks/${task.id}/cancel`, { method: 'POST' })

    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      status: 10,
      output: { text: expect.any(String) },
    })
  })

  it('cancels a built-in app mid-run', async () => {
    const { url } = await startServer({ timeScale: 1 })
    const task = await runApp(url, 'local/image', { prompt: 'x', width: 16, height: 16 })

    await fetch(`${url}/tasks/${task.id}/cancel`, { method: 'POST' })
    const after = await (await fetch(`${url}/tasks/${task.id}`)).json()

    expect(after.status).toBe(12)
    expect(after.output).toBeNull()
  })

  it('answers a 404 problem for an unknown task', async () => {
    const { url } = await startServer()

    const response = await fetch(`${url}/tasks/task_x/cancel`, { method: 'POST' })

    expect(response.status).toBe(404)
  })
})

describe('TaskServer.close', () => {
  it('ends open streams and stops the apps', async () => {
    const { app, workEnded } = foreverApp()
    const { server, url } = await startServer({ apps: [app], timeScale: 1 })
    const task = await runApp(url, 'test/forever', {})
    const stream = await fetch(`${url}/tasks/${task.id}/stream`)
    const body = readBody(stream)

    await server.close()

    await expect(workEnded).resolves.toBeInstanceOf(Error)
    expect(await body).toContain('event: update')
    expect(server.openStreams()).toBe(0)
  })
})
