#!/usr/bin/env node
// Starts the local task server and the demo app, then prints the URL to open.
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createServer } from 'vite'

const serverPort = Number(process.env.TASKSTREAM_PORT ?? 8787)
const demoPort = Number(process.env.DEMO_PORT ?? 5173)
const serverUrl = `http://127.0.0.1:${serverPort}`

const built = spawnSync('pnpm', ['--filter', '@taskstream/server', 'run', 'build'], {
  stdio: 'inherit',
})
if (built.status !== 0) process.exit(built.status ?? 1)

const cli = fileURLToPath(new URL('../packages/server/dist/cli.js', import.meta.url))
const server = spawn(process.execPath, [cli, '--port', String(serverPort)], { stdio: 'inherit' })
server.on('exit', (code) => {
  console.error(`taskstream server stopped (exit ${code}); stopping the demo`)
  process.exit(code ?? 1)
})

const root = fileURLToPath(new URL('../apps/demo', import.meta.url))
const vite = await createServer({
  root,
  configFile: `${root}/vite.config.ts`,
  server: { host: '127.0.0.1', port: demoPort, strictPort: true },
  define: { 'import.meta.env.VITE_TASKSTREAM_URL': JSON.stringify(serverUrl) },
})
await vite.listen()

console.log(`\n  taskstream demo: http://127.0.0.1:${demoPort}/  (task server: ${serverUrl})\n`)

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    server.removeAllListeners('exit')
    server.kill()
    await vite.close()
    process.exit(0)
  })
}
