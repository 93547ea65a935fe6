#!/usr/bin/env node
import { parseArgs } from 'node:util'
import type { FaultOptions } from './faults'
import { createTaskServer } from './task-server'

// The `taskstream-server` command: serves the built-in apps until SIGINT or SIGTERM.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'api-key': { type: 'string' },
    faults: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

if (values.help) {
  const usage = [
    'Usage: taskstream-server [--port 8787] [--host 127.0.0.1] [--api-key KEY] [--faults JSON]',
    '  --api-key  answer 401 to API calls without "Authorization: Bearer KEY"',
    '             (default: $TASKSTREAM_API_KEY, else no key is required)',
    '  --faults   inject faults into streams and requests, to test clients against, such as',
    "             '{\"dropAfterEvents\":5}' (the server's FaultOptions, as JSON)",
  ]
  process.stdout.write(`${usage.join('\n')}\n`)
  process.exit(0)
}

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`taskstream-server: --port must be 0-65535, got ${values.port}\n`)
  process.exit(2)
}

// The environment keeps the key out of the process list; the flag wins when both are set.
const apiKey = values['api-key'] ?? (process.env.TASKSTREAM_API_KEY || undefined)
if (apiKey === '') {
  process.stderr.write('taskstream-server: --api-key must not be empty\n')
  process.exit(2)
}

const faults = values.faults === undefined ? undefined : readFaults(values.faults)

const server = createTaskServer({
  port,
  host: values.host,
  ...(apiKey === undefined ? {} : { apiKey }),
  ...(faults === undefined ? {} : { faults }),
})
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

/** The `--faults` JSON as fault options; exits with a message when it is not a JSON object. */
function readFaults(text: string): FaultOptions {
  let faults: unknown
  try {
    faults = JSON.parse(text)
  } catch (error) {
    process.stderr.write(`taskstream-server: --faults is not JSON: ${(error as Error).message}\n`)
    process.exit(2)
  }
  if (typeof faults !== 'object' || faults === null || Array.isArray(faults)) {
    process.stderr.write(`taskstream-server: --faults must be a JSON object, got ${text}\n`)
    process.exit(2)
  }
  return faults as FaultOptions
}
