import { act, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { taskQueryKey, useTask } from '../src'
import { renderWithProvider, withTaskServer } from './render-with-provider'

const local = withTaskServer()

/** Shows a task's status name through a selector. */
function StatusOf(props: { taskId: string; label: string }) {
  const name = useTask(props.taskId, (state) => state.statusName)
  return <p data-testid={props.label}>{name ?? 'unknown'}</p>
}

/** `count` components watching one task. */
function Watchers(props: { taskId: string; count: number }) {
  const labels = Array.from({ length: props.count }, (_, index) => `w${index}`)
  return labels.map((label) => <StatusOf key={label} taskId={props.taskId} label={label} />)
}

/** Shows the log of the first id, then of the second once "next" is pressed. */
function LogSwitcher(props: {
  ids: [string, string]
  onRender: (id: string, log: string) => void
}) {
  const [index, setIndex] = useState(0)
  const id = props.ids[index] ?? props.ids[0]
  const log = useTask(id, (state) => state.logs.map((line) => line.text).join('|')) ?? ''
  props.onRender(id, log)
  return (
    <button type="button" onClick={() => setIndex(1)}>
      next
    </button>
  )
}

/** Follows a task only while `enabled`. */
function MaybeFollow(props: { taskId: string; enabled: boolean }) {
  const name = useTask(props.taskId, {
    select: (state) => state.statusName,
    enabled: props.enabled,
  })
  return <p data-testid="maybe">{name ?? 'unknown'}</p>
}

describe('useTask connections', () => {
  it('opens one server connection for ten components on one task, and none after unmount', async () => {
    const { client, rerender } = renderWithProvider(null, { url: local.url() })
    const task = await client.run({ app: 'test/hold', input: {} }, { wait: false })

    rerender(<Watchers taskId={task.id} count={10} />)
    await waitFor(() => expect(screen.getByTestId('w9').textContent).toBe('RUNNING'))
    expect(local.server().openStreams(task.id)).toBe(1)

    rerender(null)
    await waitFor(() => expect(local.server().openStreams(task.id)).toBe(0))
    await client.cancel(task.id)
  })

  it('opens one server connection under StrictMode', async () => {
    const streamRequests: string[] = []
    const { client, rerender } = renderWithProvider(null, {
      url: local.url(),
      strict: true,
      onRequest: (_method, url) => {
        if (url.includes('/stream')) streamRequests.push(url)
      },
    })
    const task = await client.run({ app: 'test/hold', input: {} }, { wait: false })

    rerender(<Watchers taskId={task.id} count={3} />)
    await waitFor(() => expect(screen.getByTestId('w2').textContent).toBe('RUNNING'))
    expect(local.server().openStreams(task.id)).toBe(1)

    rerender(null)
    await waitFor(() => expect(local.server().openStreams(task.id)).toBe(0))
    expect(streamRequests).toHaveLength(1)
    await client.cancel(task.id)
  })

  it('lets no event of the old task reach the new one when the id switches', async () => {
    const renders: Array<{ id: string; log: string }> = []
    const { client, store, rerender } = renderWithProvider(null, { url: local.url() })
    const first = await client.run({ app: 'test/chatty', input: { lines: 40 } }, { wait: false })
    const second = await client.run({ app: 'test/hold', input: {} }, { wait: false })

    rerender(
      <LogSwitcher ids={[first.id, second.id]} onRender={(id, log) => renders.push({ id, log })} />,
    )
    await waitFor(() => expect(renders.at(-1)?.log).toContain('line 2'))
    act(() => screen.getByText('next').click())

    await waitFor(() => expect(renders.at(-1)).toEqual({ id: second.id, log: 'holding' }))
    await waitFor(() => expect(local.server().openStreams(first.id)).toBe(0))
    // The first task kept logging while the switch happened; none of it shows as the second's.
    await waitFor(() => expect(store.getState().tasks[first.id]?.logs.length).toBeGreaterThan(2))
    const afterSwitch = renders.filter((render) => render.id === second.id)
    expect(afterSwitch.every((render) => !render.log.includes('line'))).toBe(true)
    expect(store.getState().tasks[second.id]?.logs.map((line) => line.text)).toEqual(['holding'])

    await client.cancel(first.id)
    await client.cancel(second.id)
  })

  it('follows nothing until enabled', async () => {
    const { client, store, rerender } = renderWithProvider(null, { url: local.url() })
    const task = await client.run({ app: 'test/hold', input: {} }, { wait: false })

    rerender(<MaybeFollow taskId={task.id} enabled={false} />)
    expect(screen.getByTestId('maybe').textContent).toBe('unknown')
    expect(store.getState().tasks[task.id]).toBeUndefined()
    expect(local.server().openStreams(task.id)).toBe(0)

    rerender(<MaybeFollow taskId={task.id} enabled />)
    await waitFor(() => expect(screen.getByTestId('maybe').textContent).toBe('RUNNING'))
    expect(local.server().openStreams(task.id)).toBe(1)

    rerender(null)
    await waitFor(() => expect(local.server().openStreams(task.id)).toBe(0))
    await client.cancel(task.id)
  })
})

describe('the task query', () => {
  it('re-reads the task when invalidated, and keeps the live task as its data', async () => {
    const reads: string[] = []
    const { client, store, queryClient, rerender } = renderWithProvider(null, {
      url: local.url(),
      onRequest: (method, url) => {
        if (method === 'GET' && !url.includes('/stream')) reads.push(url)
      },
    })
    const task = await client.run({ app: 'test/hold', input: {} }, { wait: false })
    rerender(<StatusOf taskId={task.id} label="s" />)
    await waitFor(() => expect(screen.getByTestId('s').textContent).toBe('RUNNING'))
    const before = reads.length

    await act(() => queryClient.invalidateQueries({ queryKey: taskQueryKey(task.id) }))

    expect(reads.length).toBe(before + 1)
    expect(reads.at(-1)).toContain(`/tasks/${task.id}`)
    const data = queryClient.getQueryData<{ logs?: unknown }>(taskQueryKey(task.id))
    expect(data).toEqual(store.getState().tasks[task.id]?.task)

    rerender(null)
    await client.cancel(task.id)
  })
})
