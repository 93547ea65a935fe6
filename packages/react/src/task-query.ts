import type { QueryClient } from '@tanstack/react-query'
import type { Task, TaskStore, TaskstreamClient } from '@taskstream/core'

/** The TanStack Query key of a task's snapshot: `['taskstream', 'task', id]`. */
export function taskQueryKey(taskId: string) {
  return ['taskstream', 'task', taskId] as const
}

/**
 * Fetches a task's snapshot for its query. The store's copy wins when it has one, because the
 * stream may have moved on while the request was in flight.
 */
export async function fetchTaskSnapshot(
  client: TaskstreamClient,
  store: TaskStore,
  taskId: string,
): Promise<Task> {
  const fetched = await client.getTask(taskId)
  return store.getState().tasks[taskId]?.task ?? fetched
}

/**
 * Keeps every task query in the cache in step with the store, so devtools and `useQuery`
 * readers see the live task. Returns the function that stops it.
 */
export function syncTaskQueries(store: TaskStore, queryClient: QueryClient): () => void {
  return store.subscribe((state, previous) => {
    if (state.tasks === previous.tasks) return

    for (const [taskId, entry] of Object.entries(state.tasks)) {
      const task = entry?.task
      if (!task || task === previous.tasks[taskId]?.task) continue

      const key = taskQueryKey(taskId)
      if (queryClient.getQueryState(key)) queryClient.setQueryData(key, task)
    }
  })
}
