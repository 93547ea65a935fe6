'use client'

import type { TaskStore, TaskstreamClient } from '@taskstream/core'
import { createContext, useContext } from 'react'
import { MissingProviderError } from './missing-provider-error'

/** What `<TaskStreamProvider>` hands to the hooks below it. */
export interface TaskStreamContextValue {
  /** The client that starts, fetches and cancels tasks. */
  client: TaskstreamClient
  /** The store that follows tasks live. */
  store: TaskStore
}

/** The context `<TaskStreamProvider>` fills; read it through the hooks below. */
export const TaskStreamContext = createContext<TaskStreamContextValue | null>(null)

/** Reads the provider's value, or throws a `MissingProviderError` naming the calling hook. */
export function useTaskStreamContext(hook: string): TaskStreamContextValue {
  const value = useContext(TaskStreamContext)
  if (value === null) throw new MissingProviderError(hook)
  return value
}

/** The client given to `<TaskStreamProvider>`. */
export function useTaskStreamClient(): TaskstreamClient {
  return useTaskStreamContext('useTaskStreamClient').client
}

/** The task store of `<TaskStreamProvider>`: the one it was given, or the one it made. */
export function useTaskStore(): TaskStore {
  return useTaskStreamContext('useTaskStore').store
}
