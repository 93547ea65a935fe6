import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createTaskServer } from '../src'
import { readBody, runApp, streamFromStart } from './helpers'

describe('TaskServer.handler', () => {
  it('serves the API from another node server, with file URLs on that server', async () => {
    const tasks = createTaskServer({ timeScale: 0.02 })
    const host = createServer(tasks.handler)
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(host.address() as AddressInfo).port}`

    try {
      const task = await runApp(url, 'local/image', { prompt: 'x', width: 8, height: 8, steps: 1 })
      await readBody(await streamFromStart(url, task.id))
      const done = await (await fetch(`${url}/tasks/${task.id}`)).json()
      const file = await fetch(done.output.image.uri)

      expect(done.output.image.uri).toBe(`${url}/files/${task.id}/image.png`)
      expect(file.headers.get('content-type')).toBe('image/png')
      expect(() => tasks.url).toThrow(/not listening/)
    } finally {
      await tasks.close()
      await new Promise((resolve) => host.close(resolve))
    }
  })
})
