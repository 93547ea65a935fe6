import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const packageDir = join(import.meta.dirname, '..')
let outDir = ''
let cli = ''

// The bin is built the way the package's build script builds it, into a scratch folder so a
// dist/ in use elsewhere is never rewritten under it; the folder sits under the package's
// node_modules so the bundle's imports (pngjs) resolve as they do from dist/.
beforeAll(async () => {
  const cache = join(packageDir, 'node_modules', '.cache')
  await mkdir(cache, { recursive: true })
  outDir = await mkdtemp(join(cache, 'cli-test-'))
  await promisify(execFile)(
    'pnpm',
    ['exec', 'tsup', 'src/cli.ts', '--format', 'esm', '--target', 'node20', '--out-dir', outDir],
    { cwd: packageDir },
  )
  cli = join(outDir, 'cli.js')
}, 60_000)

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true })
})

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('\n')) resolve(text.split('\n')[0] ?? '')
    })
    child.once('exit', () => reject(new Error(`the server exited before listening: ${text}`)))
  })
}

describe('taskstream-server', () => {
  it('starts with a shebang, answers on the port it prints, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, '--port', '0'])
    const exit = exited(child)

    const line = await firstLine(child)
    const url = /^taskstream server listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1]
    const apps = await (await fetch(`${url}/apps`)).json()
    child.kill('SIGTERM')

    expect(apps.map((app: { id: string }) => app.id)).toContain('local/image')
    expect(await exit).toBe(0)
  })

  it('stops on SIGINT too', async () => {
    const child = spawn(process.execPath, [cli, '--port', '0', '--host', '127.0.0.1'])
    const exit = exited(child)

    await firstLine(child)
    child.kill('SIGINT')

    expect(await exit).toBe(0)
  })

  it('answers 401 without the key given by --api-key and serves with it', async () => {
    const child = spawn(process.execPath, [cli, '--port', '0', '--api-key', 'k-123'])
    const exit = exited(child)

    const url = /(http:\/\/\S+)$/.exec(await firstLine(child))?.[1]
    const without = await fetch(`${url}/apps`)
    const wrong = await fetch(`${url}/apps`, { headers: { Authorization: 'Bearer nope' } })
    const right = await fetch(`${url}/apps`, { headers: { Authorization: 'Bearer k-123' } })
    child.kill('SIGTERM')

    expect([without.status, wrong.status, right.status]).toEqual([401, 401, 200])
    expect(without.headers.get('content-type')).toContain('application/problem+json')
    expect(await exit).toBe(0)
  })

  it('takes the key from TASKSTREAM_API_KEY when no flag is given', async () => {
    const env = { ...process.env, TASKSTREAM_API_KEY: 'from-env' }
    const child = spawn(process.execPath, [cli, '--port', '0'], { env })
    const exit = exited(child)

    const url = /(http:\/\/\S+)$/.exec(await firstLine(child))?.[1]
    const without = await fetch(`${url}/apps`)
    const right = await fetch(`${url}/apps`, { headers: { Authorization: 'Bearer from-env' } })
    child.kill('SIGTERM')

    expect([without.status, right.status]).toEqual([401, 200])
    expect(await exit).toBe(0)
  })

  it('injects the faults given by --faults as JSON', async () => {
    const faults = { failRequests: { status: 503, count: 1, path: '/apps' } }
    const child = spawn(process.execPath, [cli, '--port', '0', '--faults', JSON.stringify(faults)])
    const exit = exited(child)

    const url = /(http:\/\/\S+)$/.exec(await firstLine(child))?.[1]
    const refused = await fetch(`${url}/apps`)
    const served = await fetch(`${url}/apps`)
    child.kill('SIGTERM')

    expect([refused.status, served.status]).toEqual([503, 200])
    expect(refused.headers.get('retry-after')).toBe('1')
    expect(await exit).toBe(0)
  })

  it('refuses --faults that is not a JSON object, saying why', async () => {
    for (const faults of ['{dropAfterEvents: 5}', '[1]']) {
      const child = spawn(process.execPath, [cli, '--port', '0', '--faults', faults])
      let errors = ''
      child.stderr.on('data', (chunk: Buffer) => {
        errors += chunk.toString()
      })

      expect(await exited(child)).toBe(2)
      expect(errors).toMatch(/^taskstream-server: --faults (is not JSON|must be a JSON object)/)
    }
  })

  it('refuses a port that is not a number', async () => {
    const child = spawn(process.execPath, [cli, '--port', 'eighty'])

    expect(await exited(child)).toBe(2)
  })
})

describe('the built bin file', () => {
  it('keeps the #!/usr/bin/env node line', async () => {
    const text = await readFile(cli, 'utf8')

    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true)
  })
})
