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
 * the stream. Returns the store; `null` or `undefined`, or `enabled` false, follows nothing.
 */
export function useFollowTask(hook: string, taskId: string | null | undefined, enabled = true) {
  const { client, store } = useTaskStreamContext(hook)
  const followed = enabled ? taskId : null

  useEffect(() => {
    if (followed == null) return
    return store.getState().watch(followed)
  }, [store, followed])

  // No id, no query (rather than a disabled one under a dummy key). The combined result is
  // constant: the query is for the cache and devtools, and never re-renders the component.
  const queries: UseQueryOptions<Task>[] =
    followed == null
      ? []
      : [
          {
            queryKey: taskQueryKey(followed),
            queryFn: () => fetchTaskSnapshot(client, store, followed),
            initialData: () => store.getState().tasks[followed]?.task ?? undefined,
            staleTime: Number.POSITIVE_INFINITY,
          },
        ]
  useQueries({ queries, combine: ignoreResults })

  return store
}
