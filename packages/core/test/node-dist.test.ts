import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { createTaskServer } from '@taskstream/server'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const packageDir = fileURLToPath(new URL('..', import.meta.url))
const script = fileURLToPath(new URL('./fixtures/run-text.mjs', import.meta.url))

describe('built package', () => {
  it('imports and runs local/text in plain Node from dist', { timeout: 60_000 }, async () => {
    await run('pnpm', ['--filter', '@taskstream/core', 'build'], { cwd: packageDir })

    // Slow enough that the stream opens while the task still runs, however slow Node starts.
    const server = createTaskServer({ port: 0, timeScale: 0.3 })
    const baseUrl = await server.listen()
    try {
      const { stdout } = await run(process.execPath, [script, baseUrl], { cwd: packageDir })
      const result = JSON.parse(stdout) as {
        completed: boolean
        statuses: number[]
        output: unknown
      }

      expect(result.completed).toBe(true)
      expect(result.statuses.at(-1)).toBe(10)
      expect(result.statuses.length).toBeGreaterThan(3)
      expect(result.output).toMatchObject({ text: expect.stringMatching(/\S/) })
    } finally {
      await server.close()
    }
  })
})
