import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'
import { type FetchHandler, toNodeListener } from '../src'

const hosts: ReturnType<typeof createServer>[] = []

afterEach(async () => {
  const closing = hosts.splice(0).map((host) => {
    host.closeAllConnections()
    return new Promise((resolve) => host.close(resolve))
  })
  await Promise.all(closing)
})

/** Serves a node listener on a free loopback port until the test ends; answers its URL. */
export async function listen(listener: (req: IncomingMessage, res: ServerResponse) => void) {
  const host = createServer(listener)
  hosts.push(host)
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(host.address() as AddressInfo).port}`
}

/** Serves a fetch-style handler over real HTTP, as an app's Node server would. */
export function serveHandler(handler: FetchHandler): Promise<string> {
  return listen(toNodeListener(handler))
}

/** The real fetch, recording each upstream call (its URL and headers) before making it. */
export function recordingFetch() {
  const calls: { url: string; method: string; headers: Headers }[] = []
  const send: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    calls.push({ url, method: init?.method ?? 'GET', headers: new Headers(init?.headers) })
    return fetch(input, init)
  }
  return { calls, send }
}

/** A JSON POST through the proxy (or anywhere), with extra headers. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}
