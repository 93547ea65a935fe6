// @vitest-environment node
import { readFileSync } from 'node:fs'
import { LogConsole, ResultViewer, TaskProgress } from '@taskstream/components'
import { createClient, createTaskStore } from '@taskstream/core'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { TaskStreamProvider } from '../src'

const entries = ['../src/index.ts', '../../components/src/index.ts']

describe('every package on the server', () => {
  it('imports core, react and components and renders a live task card without a window', () => {
    const fetch = vi.fn<typeof globalThis.fetch>()
    const client = createClient({ baseUrl: 'http://127.0.0.1:9', fetch })
    const store = createTaskStore(client)
    store.getState().track({ id: 't1', status: 7, logs: 'step 1\n 50%|█| 5/10 [00:01<00:01]\n' })

    const html = renderToString(
      <TaskStreamProvider client={client} store={store}>
        <TaskProgress taskId="t1" />
        <LogConsole taskId="t1" />
        <ResultViewer taskId="t1" />
      </TaskStreamProvider>,
    )

    expect(typeof window).toBe('undefined')
    expect(html).toContain('data-state="running"')
    expect(html).toContain('role="log"')
    expect(html).toContain('aria-valuenow="50"')
    expect(fetch).not.toHaveBeenCalled()
  })

  it('marks the React entries as client modules', () => {
    for (const entry of entries) {
      const source = readFileSync(new URL(entry, import.meta.url), 'utf8')
      expect(source.startsWith("'use client'")).toBe(true)
    }
  })
})
