'use client'

import { useMutation } from '@tanstack/react-query'
import type { Task } from '@taskstream/core'
import { useTaskStreamContext } from './context'

/** The TanStack Query mutation key of cancel requests, for `useIsMutating` and devtools. */
export const cancelMutationKey = ['taskstream', 'cancel'] as const

/**
 * A function that asks the server to cancel a task by id, run as a TanStack mutation. It
 * resolves with the task as the server answered and rejects like `client.cancel`.
 */
export function useCancelTask(): (taskId: string) => Promise<Task> {
  const { client } = useTaskStreamContext('useCancelTask')

  const { mutateAsync } = useMutation({
    mutationKey: cancelMutationKey,
    mutationFn: (taskId: string) => client.cancel(taskId),
  })

  return mutateAsync
}
