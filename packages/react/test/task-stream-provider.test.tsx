import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query'
import { createClient } from '@taskstream/core'
import { cleanup, render } from '@testing-library/react'
import { Component, type ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MissingProviderError, TaskStreamProvider, useTaskStore, useTaskStreamClient } from '../src'

afterEach(() => cleanup())

const client = () => createClient({ baseUrl: 'http://127.0.0.1:9', fetch: globalThis.fetch })

/** Hands what the hooks see to `onRender`. */
function Probe(props: {
  onRender: (seen: Record<'client' | 'store' | 'queryClient', unknown>) => void
}) {
  const client = useTaskStreamClient()
  const store = useTaskStore()
  props.onRender({ client, store, queryClient: useQueryClient() })
  return null
}

/** Catches a render error and hands it to `onError`. */
class Catch extends Component<{ onError: (error: unknown) => void; children: ReactNode }> {
  override state = { failed: false }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  override componentDidCatch(error: unknown) {
    this.props.onError(error)
  }

  override render() {
    return this.state.failed ? null : this.props.children
  }
}

describe('TaskStreamProvider', () => {
  it('uses the QueryClient of an enclosing QueryClientProvider', () => {
    const outer = new QueryClient()
    const seen: unknown[] = []

    render(
      <QueryClientProvider client={outer}>
        <TaskStreamProvider client={client()}>
          <Probe onRender={({ queryClient }) => seen.push(queryClient)} />
        </TaskStreamProvider>
      </QueryClientProvider>,
    )

    expect(seen).toEqual([outer])
  })

  it('prefers its queryClient prop to an enclosing one', () => {
    const given = new QueryClient()
    const seen: unknown[] = []

    render(
      <QueryClientProvider client={new QueryClient()}>
        <TaskStreamProvider client={client()} queryClient={given}>
          <Probe onRender={({ queryClient }) => seen.push(queryClient)} />
        </TaskStreamProvider>
      </QueryClientProvider>,
    )

    expect(seen).toEqual([given])
  })

  it('makes one QueryClient of its own when none is above it, and keeps it', () => {
    const given = client()
    const seen = new Set<unknown>()
    const ui = (
      <TaskStreamProvider client={given}>
        <Probe onRender={({ queryClient }) => seen.add(queryClient)} />
      </TaskStreamProvider>
    )

    const { rerender } = render(ui)
    rerender(ui)

    expect(seen.size).toBe(1)
    expect([...seen][0]).toBeInstanceOf(QueryClient)
  })

  it('gives the hooks its client and keeps one store per client', () => {
    const first = client()
    const second = client()
    const seen: { client: unknown; store: unknown }[] = []
    const ui = (given: typeof first) => (
      <TaskStreamProvider client={given}>
        <Probe onRender={(hooks) => seen.push(hooks)} />
      </TaskStreamProvider>
    )

    const { rerender } = render(ui(first))
    rerender(ui(first))
    rerender(ui(second))

    expect(seen.map((hooks) => hooks.client)).toEqual([first, first, second])
    expect(seen[1]?.store).toBe(seen[0]?.store)
    expect(seen[2]?.store).not.toBe(seen[0]?.store)
    expect(seen[0]?.store).toHaveProperty('getState')
  })

  it('makes the hooks throw a MissingProviderError outside it', () => {
    const errors: unknown[] = []
    // React reports errors caught by a boundary on the console; this one is expected.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined)

    render(
      <Catch onError={(error) => errors.push(error)}>
        <Probe onRender={() => undefined} />
      </Catch>,
    )

    quiet.mockRestore()
    expect(errors[0]).toBeInstanceOf(MissingProviderError)
    expect(errors[0]).toMatchObject({ type: 'missing-provider', hook: 'useTaskStreamClient' })
  })
})
