#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { createTaskServer } from './task-server'

// The `taskstream-server` command: serves the built-in apps until SIGINT or SIGTERM.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

if (values.help) {
  process.stdout.write('Usage: taskstream-server [--port 8787] [--host 127.0.0.1]\n')
  process.exit(0)
}

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`taskstream-server: --port must be 0-65535, got ${values.port}\n`)
  process.exit(2)
}

const server = createTaskServer({ port, host: values.host })
const url = await server.listen()

// Handlers go in before the line is printed: whoever waits for it may signal at once.
const stop = () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
process.stdout.write(`taskstream server listening on ${url}\n`)
