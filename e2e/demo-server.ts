import { fileURLToPath } from 'node:url'
import { createTaskServer } from '@taskstream/server'
import { createServer, type ViteDevServer } from 'vite'

/** The demo app and its task server, both on free loopback ports. */
export interface RunningDemo {
  /** The page to open, already pointing at the task server. */
  url: string
  /** The task server's own URL, to start tasks from the test. */
  serverUrl: string
  /** How many task streams the task server has open now. */
  openStreams(): number
  close(): Promise<void>
}

/** Starts the real task server and the real demo app, as `pnpm demo` does. */
export async function startDemo(options: { timeScale: number }): Promise<RunningDemo> {
  const tasks = createTaskServer({ port: 0, timeScale: options.timeScale })
  const serverUrl = await tasks.listen()

  const root = fileURLToPath(new URL('../apps/demo', import.meta.url))
  const vite: ViteDevServer = await createServer({
    root,
    configFile: `${root}/vite.config.ts`,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0 },
  })
  await vite.listen()
  const address = vite.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error('The demo server has no port.')

  return {
    url: `http://127.0.0.1:${address.port}/?server=${encodeURIComponent(serverUrl)}`,
    serverUrl,
    openStreams: () => tasks.openStreams(),
    async close() {
      await vite.close()
      await tasks.close()
    },
  }
}
