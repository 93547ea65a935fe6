import { QueryClient } from '@tanstack/react-query'
import {
  createClient,
  createTaskStore,
  type TaskStore,
  type TaskStoreOptions,
  type TaskstreamClient,
} from '@taskstream/core'
import { builtInApps, createTaskServer, type TaskApp, type TaskServer } from '@taskstream/server'
import { cleanup, render, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { TaskStreamProvider } from '../src'

/** `test/hold`: runs until it is cancelled, so a test can look at a live task at leisure. */
const holdApp: TaskApp = {
  id: 'test/hold',
  name: 'Hold',
  description: 'Logs one line, then runs until cancelled.',
  input: {},
  async run(ctx) {
    ctx.setStatus('RUNNING')
    ctx.log('holding')
    await new Promise((_resolve, reject) => {
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true })
    })
  },
}

/** `test/chatty`: logs `lines` lines, one each scaled second, then completes. */
const chattyApp: TaskApp = {
  id: 'test/chatty',
  name: 'Chatty',
  description: 'Logs many lines slowly enough that each arrives on its own.',
  input: { lines: { type: 'integer', description: 'How many lines.', default: 10 } },
  async run(ctx) {
    const { lines } = ctx.input as { lines: number }
    ctx.setStatus('RUNNING')
    for (let line = 1; line <= lines; line++) {
      await ctx.sleep(1000)
      ctx.log(`line ${line}`)
    }
  },
}

/** `test/burst`: logs `lines` lines as fast as it can, pausing briefly every fifty. */
const burstApp: TaskApp = {
  id: 'test/burst',
  name: 'Burst',
  description: 'Logs many lines in quick bursts, one update each.',
  input: { lines: { type: 'integer', description: 'How many lines.', default: 2000 } },
  async run(ctx) {
    const { lines } = ctx.input as { lines: number }
    ctx.setStatus('RUNNING')
    for (let line = 1; line <= lines; line++) {
      ctx.log(`token ${line}`)
      if (line % 50 === 0) await ctx.sleep(100)
    }
  },
}

/**
 * One local task server per test file, fast (`timeScale` 0.02), closed after the file. It
 * serves the built-in apps and `test/hold`, `test/chatty` and `test/burst`.
 */
export function withTaskServer(): { server: () => TaskServer; url: () => string } {
  let server: TaskServer | undefined
  let url: string | undefined

  beforeAll(async () => {
    server = createTaskServer({
      port: 0,
      timeScale: 0.02,
      apps: [...builtInApps, holdApp, chattyApp, burstApp],
    })
    url = await server.listen()
  })

  afterEach(() => cleanup())

  afterAll(async () => {
    await server?.close()
  })

  return {
    server: () => required(server),
    url: () => required(url),
  }
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the task server is not running yet')
  return value
}

/** Options of `renderWithProvider`. */
export interface ProviderOptions {
  /** The local server's URL. */
  url: string
  /** Renders inside `<StrictMode>`. Default false. */
  strict?: boolean
  /** Called with every request the client sends, before it goes out. */
  onRequest?: (method: string, url: string) => void
  /** Options of the test's task store. Default: none. */
  storeOptions?: TaskStoreOptions
}

/** What `renderWithProvider` made for the test, next to Testing Library's result. */
export interface ProviderHarness {
  client: TaskstreamClient
  store: TaskStore
  queryClient: QueryClient
}

/** A fresh client (over the real `fetch`), store and QueryClient around `ui`. */
export function renderWithProvider(ui: ReactNode, options: ProviderOptions) {
  const { onRequest } = options
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    onRequest?.(init?.method ?? 'GET', url)
    return globalThis.fetch(input, init)
  }

  const client = createClient({ baseUrl: options.url, fetch })
  const store = createTaskStore(client, options.storeOptions)
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })

  // A wrapper, so Testing Library's `rerender` keeps the provider.
  const wrapper = (props: { children: ReactNode }) => (
    <TaskStreamProvider client={client} store={store} queryClient={queryClient}>
      {props.children}
    </TaskStreamProvider>
  )
  const result = render(ui, { wrapper, reactStrictMode: options.strict ?? false })
  const harness: ProviderHarness = { client, store, queryClient }
  return { ...result, ...harness }
}

/** Waits until the store says the task's stream is closed: no more updates will come. */
export async function waitForClosedStream(store: TaskStore, taskId: string) {
  await waitFor(() => {
    if (store.getState().tasks[taskId]?.connection !== 'closed') throw new Error('still open')
  })
}
