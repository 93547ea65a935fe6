import { createClient } from '@taskstream/core'
import { TaskStreamProvider } from '@taskstream/react'
import { type ReactNode, useState } from 'react'
import { gradientPng } from '../../test/story-media'
import { replayBase, replayFetch } from './replay-fetch'

/** The id the recorded task answers to in stories. */
export const recordedTaskId = 'task_recorded'

/**
 * A provider whose client replays a recorded `local/image` run: the children follow
 * `recordedTaskId` through the real store and hooks, live, with no server.
 */
export function RecordedRun({ children }: { children: ReactNode }) {
  const [client] = useState(() =>
    createClient({
      baseUrl: replayBase,
      fetch: replayFetch({ taskId: recordedTaskId, imageUrl: gradientPng(64, 40) }),
    }),
  )
  return <TaskStreamProvider client={client}>{children}</TaskStreamProvider>
}

/** The local task server's URL: `?server=` on the page, the test run's, or the demo's default. */
function localServerUrl(): string {
  const fromPage = new URLSearchParams(window.location.search).get('server')
  const fromTests = (window as { taskstreamServer?: string }).taskstreamServer
  return fromPage ?? fromTests ?? 'http://127.0.0.1:8787'
}

/** A provider on the local task server (`pnpm demo` starts one), for stories that run tasks. */
export function LocalServer({ children }: { children: ReactNode }) {
  const [client] = useState(() => createClient({ baseUrl: localServerUrl() }))
  return <TaskStreamProvider client={client}>{children}</TaskStreamProvider>
}
