import type { QueryClient } from '@tanstack/react-query'
import { type TaskState, TaskStatus, type TaskstreamClient } from '@taskstream/core'
import { act, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { taskQueryKey, useTask } from '../src'
import { renderWithProvider, waitForClosedStream, withTaskServer } from './render-with-provider'

const local = withTaskServer()

async function startTask(client: TaskstreamClient, app: string, input = {}) {
  return client.run({ app, input }, { wait: false })
}

/** Shows a task's status name, as seen through `useTask` with a selector. */
function StatusOf(props: {
  taskId: string | null
  label: string
  onRender?: (name: string | undefined) => void
}) {
  const name = useTask(props.taskId, (state) => state.statusName)
  props.onRender?.(name)
  return <p data-testid={props.label}>{name ?? 'unknown'}</p>
}

/** Shows how many log lines a task has, handing each rendered count to `onRender`. */
function LogCount(props: { taskId: string; onRender: (count: number) => void }) {
  const count = useTask(props.taskId, (state) => state.logs.length) ?? 0
  props.onRender(count)
  return <p data-testid="logs">{count}</p>
}

/** Selects a new object on every call, made equal again by an `equality`. */
function Pair(props: { taskId: string; onRender: (shown: string) => void }) {
  const pair = useTask(
    props.taskId,
    (state) => ({ status: state.status, done: state.status === TaskStatus.COMPLETED }),
    (a, b) => a.status === b.status && a.done === b.done,
  )
  const shown = pair ? `${pair.status}:${pair.done}` : 'none'
  props.onRender(shown)
  return <p data-testid="pair">{shown}</p>
}

/** Follows nothing, handing each result to `onRender`. */
function Nothing(props: { onRender: (state: TaskState | undefined) => void }) {
  props.onRender(useTask(null))
  return null
}

/** Shows the status of the first id, then of the second once "next" is pressed. */
function Switcher(props: { ids: [string, string] }) {
  const [index, setIndex] = useState(0)
  return (
    <>
      <button type="button" onClick={() => setIndex(1)}>
        next
      </button>
      <StatusOf taskId={props.ids[index] ?? null} label="s" />
    </>
  )
}

describe('useTask', () => {
  it('shares one connection between two components watching one task', async () => {
    const { client, rerender } = renderWithProvider(null, { url: local.url() })
    const task = await startTask(client, 'test/hold')
    const ui = (count: number) =>
      ['a', 'b']
        .slice(0, count)
        .map((label) => <StatusOf key={label} taskId={task.id} label={label} />)

    rerender(ui(2))

    await waitFor(() => expect(screen.getByTestId('b').textContent).toBe('RUNNING'))
    expect(screen.getByTestId('a').textContent).toBe('RUNNING')
    expect(local.server().openStreams(task.id)).toBe(1)

    rerender(ui(1))
    expect(local.server().openStreams(task.id)).toBe(1)

    rerender(ui(0))
    await waitFor(() => expect(local.server().openStreams(task.id)).toBe(0))
    await client.cancel(task.id)
  })

  it('does not re-render a status selector when log lines arrive', async () => {
    const statuses: (string | undefined)[] = []
    const logCounts: number[] = []

    const { client, store, rerender } = renderWithProvider(null, { url: local.url() })
    const task = await startTask(client, 'test/chatty', { lines: 8 })

    rerender(
      <>
        <StatusOf taskId={task.id} label="s" onRender={(name) => statuses.push(name)} />
        <LogCount taskId={task.id} onRender={(count) => logCounts.push(count)} />
      </>,
    )

    await waitFor(() => expect(screen.getByTestId('s').textContent).toBe('COMPLETED'))
    await waitForClosedStream(store, task.id)

    const changes = statuses.filter((name, index) => index === 0 || name !== statuses[index - 1])
    expect(statuses).toEqual(changes)
    expect(new Set(logCounts).size).toBeGreaterThan(statuses.length)
    expect(logCounts.at(-1)).toBeGreaterThanOrEqual(8)
  })

  it('keeps a selector that builds a new object from looping, and skips equal ones', async () => {
    const renders: string[] = []
    const { client, store, rerender } = renderWithProvider(null, { url: local.url() })
    const task = await startTask(client, 'test/chatty', { lines: 6 })
    rerender(<Pair taskId={task.id} onRender={(shown) => renders.push(shown)} />)

    await waitFor(() => expect(screen.getByTestId('pair').textContent).toBe('10:true'))
    await waitForClosedStream(store, task.id)

    const changes = renders.filter((shown, index) => index === 0 || shown !== renders[index - 1])
    expect(renders).toEqual(changes)
    expect(store.getState().tasks[task.id]?.logs.length).toBeGreaterThanOrEqual(6)
  })

  it('returns undefined and opens no connection for a null id', async () => {
    const seen: (TaskState | undefined)[] = []

    const { store } = renderWithProvider(<Nothing onRender={(state) => seen.push(state)} />, {
      url: local.url(),
    })

    expect(seen.every((state) => state === undefined)).toBe(true)
    expect(Object.keys(store.getState().tasks)).toEqual([])
    expect(local.server().openStreams()).toBe(0)
  })

  it('follows a new id when the id changes', async () => {
    const { client, rerender } = renderWithProvider(null, { url: local.url() })
    const first = await startTask(client, 'test/hold')
    const second = await startTask(client, 'local/lifecycle')
    rerender(<Switcher ids={[first.id, second.id]} />)
    await waitFor(() => expect(screen.getByTestId('s').textContent).toBe('RUNNING'))

    act(() => screen.getByText('next').click())

    await waitFor(() => expect(screen.getByTestId('s').textContent).toBe('COMPLETED'))
    await waitFor(() => expect(local.server().openStreams(first.id)).toBe(0))
    await client.cancel(first.id)
  })

  it('keeps the task query in step with the stream', async () => {
    const { client, store, queryClient, rerender } = renderWithProvider(null, {
      url: local.url(),
    })
    const task = await startTask(client, 'local/text', { prompt: 'query', max_tokens: 5 })

    rerender(<StatusOf taskId={task.id} label="s" />)

    await waitFor(() => expect(screen.getByTestId('s').textContent).toBe('COMPLETED'))
    await waitForClosedStream(store, task.id)
    await waitFor(() => expect(snapshot(queryClient, task.id)?.status).toBe(TaskStatus.COMPLETED))
    expect(snapshot(queryClient, task.id)?.output).toEqual(store.getState().tasks[task.id]?.output)
  })
})

function snapshot(queryClient: QueryClient, taskId: string) {
  return queryClient.getQueryData<{ status: number; output?: unknown }>(taskQueryKey(taskId))
}
