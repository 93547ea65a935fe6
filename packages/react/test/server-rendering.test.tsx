// @vitest-environment node
import { createClient } from '@taskstream/core'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { TaskStreamProvider, useRun, useTask } from '../src'

function Page() {
  const status = useTask('task_1', (state) => state.statusName)
  const { isIdle } = useRun({ app: 'local/text' })
  return <p>{`${status ?? 'no status'} ${isIdle ? 'idle' : 'busy'}`}</p>
}

describe('server rendering', () => {
  it('renders the hooks without a window and without a request', () => {
    const fetch = vi.fn<typeof globalThis.fetch>()
    const client = createClient({ baseUrl: 'http://127.0.0.1:9', fetch })

    const html = renderToString(
      <TaskStreamProvider client={client}>
        <Page />
      </TaskStreamProvider>,
    )

    expect(typeof window).toBe('undefined')
    expect(html).toContain('no status idle')
    expect(fetch).not.toHaveBeenCalled()
  })
})
