'use client'

import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query'
import { createTaskStore, type TaskStore, type TaskstreamClient } from '@taskstream/core'
import { type ReactNode, useContext, useEffect, useMemo, useState } from 'react'
import { TaskStreamContext } from './context'
import { syncTaskQueries } from './task-query'

/** Props of `<TaskStreamProvider>`. */
export interface TaskStreamProviderProps {
  /** The client that starts and follows tasks, from `createClient`. */
  client: TaskstreamClient
  /**
   * The QueryClient for the run and cancel mutations and the task queries. Defaults to the one
   * of an enclosing `<QueryClientProvider>`, else one the provider makes and keeps.
   */
  queryClient?: QueryClient
  /** The store that follows tasks live. Defaults to `createTaskStore(client)`, one per client. */
  store?: TaskStore
  /** The app, or the part of it that uses taskstream's hooks. */
  children?: ReactNode
}

/** What the provider makes on first need and keeps across renders. */
class Owned {
  #stores = new WeakMap<TaskstreamClient, TaskStore>()
  #queryClient: QueryClient | undefined

  /** The store of a client: a new client gets a store of its own. */
  storeFor(client: TaskstreamClient): TaskStore {
    let store = this.#stores.get(client)
    if (!store) {
      store = createTaskStore(client)
      this.#stores.set(client, store)
    }
    return store
  }

  /** The provider's own QueryClient, made on the first call. */
  queryClient(): QueryClient {
    this.#queryClient ??= new QueryClient()
    return this.#queryClient
  }
}

/** Gives the hooks below it a client, a task store and a TanStack QueryClient. */
export function TaskStreamProvider(props: TaskStreamProviderProps) {
  const { client, children } = props
  const enclosing = useContext(QueryClientContext)

  const [owned] = useState(() => new Owned())
  const store = props.store ?? owned.storeFor(client)
  const queryClient = props.queryClient ?? enclosing ?? owned.queryClient()

  const value = useMemo(() => ({ client, store }), [client, store])

  useEffect(() => syncTaskQueries(store, queryClient), [store, queryClient])

  // Always wrapping keeps the tree's shape when the QueryClient's source changes; mounting the
  // enclosing client again is harmless, QueryClient counts its mounts.
  return (
    <QueryClientProvider client={queryClient}>
      <TaskStreamContext value={value}>{children}</TaskStreamContext>
    </QueryClientProvider>
  )
}
