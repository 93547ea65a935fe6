'use client'

import { type UseQueryOptions, useQueries } from '@tanstack/react-query'
import type { Task } from '@taskstream/core'
import { useEffect } from 'react'
import { useTaskStreamContext } from './context'
import { fetchTaskSnapshot, taskQueryKey } from './task-query'

const ignoreResults = (): null => null

/**
 * Follows a task while the calling component is mounted: watches it in the store (one shared
 * connection per task) and keeps its TanStack Query snapshot, which the provider updates from
 * the stream. Returns the store; `null` or `undefined` follows nothing.
 */
export function useFollowTask(hook: string, taskId: string | null | undefined) {
  const { client, store } = useTaskStreamContext(hook)

  useEffect(() => {
    if (taskId == null) return
    return store.getState().watch(taskId)
  }, [store, taskId])

  // No id, no query (rather than a disabled one under a dummy key). The combined result is
  // constant: the query is for the cache and devtools, and never re-renders the component.
  const queries: UseQueryOptions<Task>[] =
    taskId == null
      ? []
      : [
          {
            queryKey: taskQueryKey(taskId),
            queryFn: () => fetchTaskSnapshot(client, store, taskId),
            initialData: () => store.getState().tasks[taskId]?.task ?? undefined,
            staleTime: Number.POSITIVE_INFINITY,
          },
        ]
  useQueries({ queries, combine: ignoreResults })

  return store
}
