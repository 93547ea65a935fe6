'use client'

import { skipToken, useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useTaskStreamContext } from './context'
import { fetchTaskSnapshot, taskQueryKey } from './task-query'

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

  // An observer that reads nothing: the query is for the cache and devtools, not for renders.
  useQuery({
    queryKey: taskQueryKey(taskId ?? ''),
    queryFn: taskId == null ? skipToken : () => fetchTaskSnapshot(client, store, taskId),
    initialData: () => (taskId == null ? undefined : store.getState().tasks[taskId]?.task),
    staleTime: Number.POSITIVE_INFINITY,
    notifyOnChangeProps: [],
  })

  return store
}
