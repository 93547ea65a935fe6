import { createAuthFetch, type GetToken } from './auth-fetch'
import { ApiError, quote } from './errors'
import { type HttpConfig, request } from './http'
import { readTask } from './merge-task'
import { ndjsonTransport } from './ndjson-transport'
import { pollTransport } from './poll-transport'
import { createReconnectPolicy, type ReconnectOptions } from './reconnect-policy'
import { sseTransport } from './sse-transport'
import type { StatusTable } from './status'
import {
  createTaskStream,
  type StreamOptions,
  type TaskStream,
  type TaskStreamConfig,
} from './task-stream'
import type { Transport } from './transport'
import type { RunParams, Task, TransportName } from './types'
import { warnOnce } from './warn-once'

/** How the client reaches the API; every option is optional. */
export interface ClientOptions {
  /** The API's address (default `'https://api.inference.sh'`). */
  baseUrl?: string
  /** A proxy that forwards the kit's calls and adds the key, used instead of `baseUrl`. */
  proxyUrl?: string
  /** Sent as `Authorization: Bearer <apiKey>`, never in a URL (default: none). */
  apiKey?: string
  /**
   * Supplies a bearer token per request, sync or async, instead of `apiKey`; after a 401 it is
   * asked once with `{ refresh: true }` and the request is sent again (default: none).
   */
  getToken?: GetToken
  /** The `fetch` to use (default: the global `fetch`, looked up at call time). */
  fetch?: typeof fetch
  /** Extra headers for every request (default: none). */
  headers?: Record<string, string>
  /**
   * How task streams are read (default `'sse'`). From SSE the client falls back to NDJSON and
   * then polling on its own when streams keep being cut before their first event.
   */
  transport?: TransportName
  /** How often the polling transport re-reads a task, in ms (default 1000). */
  pollIntervalMs?: number
  /** The server's status numbering: `'classic'` (the seed's) or `'v2'` (default `'classic'`). */
  statusTable?: StatusTable
  /** How a dropped stream reconnects (default: 5 tries, 500 ms doubling up to 5 s, jittered). */
  reconnect?: ReconnectOptions
}

/** Options for `run`: the stream options, plus whether to wait and how to return. */
export interface RunOptions extends StreamOptions {
  /** `false` returns the created task at once, without following it (default `true`). */
  wait?: boolean
  /** `true` returns a `TaskStream` to iterate instead of a promise (default `false`). */
  stream?: boolean
}

/** Options for single requests. */
export interface RequestSignalOptions {
  /** Aborts the request. */
  signal?: AbortSignal | undefined
}

/** Starts tasks and follows them live. */
export interface TaskstreamClient {
  /** Creates the task and returns a stream of it, merged update by update. */
  run(
    params: RunParams<unknown>,
    options: StreamOptions & { stream: true; wait?: true },
  ): TaskStream
  /** Creates the task and returns it at once, without following it. */
  run(
    params: RunParams<unknown>,
    options: RequestSignalOptions & { wait: false; stream?: false },
  ): Promise<Task>
  /** Creates the task and resolves with it once COMPLETED; rejects if it fails or is cancelled. */
  run(
    params: RunParams<unknown>,
    options?: StreamOptions & { wait?: true; stream?: false },
  ): Promise<Task>
  /** Options only known at run time: a stream when `stream` is true, else a promise. */
  run(params: RunParams<unknown>, options: RunOptions): TaskStream | Promise<Task>
  /** Follows an existing task. */
  streamTask(id: string, options?: StreamOptions): TaskStream
  /** Reads a task once. */
  getTask(id: string, options?: RequestSignalOptions): Promise<Task>
  /** Asks the server to cancel a task, and returns the task as it answers. */
  cancel(id: string, options?: RequestSignalOptions): Promise<Task>
}

const fallbacks: ReadonlyArray<{ name: TransportName; transport: Transport }> = [
  { name: 'sse', transport: sseTransport },
  { name: 'ndjson', transport: ndjsonTransport },
  { name: 'poll', transport: pollTransport },
]

/** Creates a client for the inference.sh API or anything that speaks it (the local server). */
export function createClient(options: ClientOptions = {}): TaskstreamClient {
  if (options.proxyUrl !== undefined && options.apiKey !== undefined) {
    warnOnce('proxy-key', 'createClient: with proxyUrl, leave apiKey to the proxy (use getToken).')
  }

  // Looked up per call, so the client can be created before a test or polyfill sets fetch.
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const http: HttpConfig = {
    baseUrl: options.proxyUrl ?? options.baseUrl ?? 'https://api.inference.sh',
    apiKey: options.apiKey ?? null,
    fetch: options.getToken === undefined ? send : createAuthFetch(send, options.getToken),
    headers: options.headers ?? {},
  }
  const statusTable = options.statusTable ?? 'classic'
  const first = fallbacks.findIndex((entry) => entry.name === (options.transport ?? 'sse'))
  const transports = fallbacks.slice(Math.max(0, first))
  const reconnect = createReconnectPolicy(options.reconnect)

  const taskPath = (id: string, suffix = ''): string => `/tasks/${encodeURIComponent(id)}${suffix}`

  const toTask = (body: unknown, label: string): Task => {
    const task = readTask(body, statusTable)
    if (task !== null) return task
    const problem = { title: 'Not a task', detail: `The answer was ${quote(body)}`, code: null }
    throw new ApiError(502, problem, label)
  }

  const create = async (params: RunParams<unknown>, signal?: AbortSignal): Promise<Task> => {
    const body = await request(http, { method: 'POST', path: '/apps/run', body: params, signal })
    return toTask(body, 'POST /apps/run')
  }

  const readRaw = (id: string, signal?: AbortSignal): Promise<unknown> =>
    request(http, { method: 'GET', path: taskPath(id), signal })

  const follow = (source: TaskStreamConfig['source'], streamOptions: StreamOptions): TaskStream =>
    createTaskStream({
      source,
      http,
      transports,
      heartbeatTimeoutMs: options.reconnect?.heartbeatTimeoutMs ?? 45_000,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      statusTable,
      reconnect,
      readTask: readRaw,
      options: streamOptions,
    })

  function run(params: RunParams<unknown>, options: StreamOptions & { stream: true }): TaskStream
  function run(params: RunParams<unknown>, options?: RunOptions & { stream?: false }): Promise<Task>
  function run(params: RunParams<unknown>, options: RunOptions): TaskStream | Promise<Task>
  function run(
    params: RunParams<unknown>,
    runOptions: RunOptions = {},
  ): TaskStream | Promise<Task> {
    const { wait = true, stream = false, ...streamOptions } = runOptions
    if (!wait && !stream) return create(params, streamOptions.signal)

    const taskStream = follow({ create: (signal) => create(params, signal) }, streamOptions)
    return stream ? taskStream : taskStream.result
  }

  return {
    run,
    streamTask: (id, streamOptions = {}) => follow({ id }, streamOptions),
    getTask: async (id, { signal } = {}) =>
      toTask(await readRaw(id, signal), `GET ${taskPath(id)}`),
    cancel: async (id, { signal } = {}) => {
      const body = await request(http, {
        method: 'POST',
        path: taskPath(id, '/cancel'),
        signal,
      })
      return toTask(body, `POST ${taskPath(id, '/cancel')}`)
    },
  }
}
