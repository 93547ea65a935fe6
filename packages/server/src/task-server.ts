import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type ApiKeyOption, createApiKeyCheck } from './api-key-check'
import { builtInApps } from './apps/built-in-apps'
import { type FaultOptions, FaultPlan } from './faults'
import { createRequestHandler } from './request-handler'
import type { OpenStream } from './stream-task'
import type { TaskApp } from './task-app'
import { createTaskRegistry } from './task-registry'

/** Options of `createTaskServer`. */
export interface TaskServerOptions {
  /** The port to listen on; `0` picks a free one. Default 8787. */
  port?: number
  /** The host to bind. Default `'127.0.0.1'`. */
  host?: string
  /** The apps to serve. Default: the built-in `local/*` apps. */
  apps?: TaskApp[]
  /** Multiplies every pause the apps take; tests use e.g. 0.02. Default 1. */
  timeScale?: number
  /** How often an idle stream gets a heartbeat, in milliseconds. Default 15000. */
  heartbeatMs?: number
  /** Faults to inject into streams and requests. Default: none. */
  faults?: FaultOptions
  /** The bearer key API calls must carry (or a check of it), else 401. Default: none. */
  apiKey?: ApiKeyOption
}

/** A running local task server. */
export interface TaskServer {
  /** Starts listening; resolves with the server's URL, such as `'http://127.0.0.1:8787'`. */
  listen(): Promise<string>
  /** The server's URL once it listens; throws before. */
  readonly url: string
  /** How many stream connections are open now, for every task or for one. */
  openStreams(taskId?: string): number
  /** Replaces the injected faults; `null` turns them off. */
  setFaults(faults: FaultOptions | null): void
  /** Ends the streams, stops the apps' work and closes the port. */
  close(): Promise<void>
  /** The node `(req, res)` listener, to mount the API in another server. */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void
}

/** Creates the local inference.sh-compatible task server. It listens once `listen` is called. */
export function createTaskServer(options: TaskServerOptions = {}): TaskServer {
  const { port = 8787, host = '127.0.0.1', timeScale = 1, heartbeatMs = 15_000 } = options
  const apps = new Map((options.apps ?? builtInApps).map((app) => [app.id, app]))
  const registry = createTaskRegistry()
  const streams = new Set<OpenStream>()
  const running = new Set<Promise<void>>()
  const faults = new FaultPlan(options.faults)
  let url: string | undefined

  const handle = createRequestHandler({
    registry,
    apps,
    timeScale,
    heartbeatMs,
    faults,
    streams,
    running,
    checkKey: createApiKeyCheck(options.apiKey),
    url: () => url,
  })
  const handler = (req: IncomingMessage, res: ServerResponse) => void handle(req, res)
  const server = createServer(handler)

  return {
    handler,

    get url() {
      if (url === undefined) throw new Error('the task server is not listening yet')
      return url
    },

    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => {
          server.off('error', reject)
          const address = server.address() as AddressInfo
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
          url = `http://${shownHost}:${address.port}`
          resolve(url)
        })
      })
    },

    openStreams(taskId) {
      let count = 0
      for (const stream of streams) if (taskId === undefined || stream.taskId === taskId) count++
      return count
    },

    setFaults: (next) => faults.set(next),

    async close() {
      for (const stream of [...streams]) stream.close()
      for (const record of registry.all()) {
        record.controller.abort(new Error('the task server is closing'))
      }
      await Promise.allSettled([...running])

      if (!server.listening) return
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
    },
  }
}
