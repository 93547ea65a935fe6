import { TaskStatus } from '@taskstream/core'
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { useEffect } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { type UseRunOptions, type UseRunResult, useRun } from '../src'
import { renderWithProvider, waitForClosedStream, withTaskServer } from './render-with-provider'

const local = withTaskServer()

type Input = Record<string, unknown>

/** Renders a `useRun` and hands each result to `onResult`; a button calls `run()`. */
function Runner(props: {
  options: UseRunOptions<Input>
  input?: Input
  runOnMount?: boolean
  onResult?: (result: UseRunResult<Input>) => void
}) {
  const result = useRun(props.options)
  props.onResult?.(result)
  const { run } = result
  const { runOnMount, input } = props

  useEffect(() => {
    if (runOnMount) void run(input)
  }, [runOnMount, run, input])

  return (
    <div>
      <button type="button" onClick={() => run(props.input)}>
        Run
      </button>
      <button type="button" onClick={() => result.cancel()}>
        Cancel
      </button>
      <p data-testid="task-id">{result.taskId ?? ''}</p>
      <p data-testid="status">{result.statusName ?? 'none'}</p>
      <p data-testid="flags">{flagsOf(result).join(' ')}</p>
      <p data-testid="text">{String(result.output?.text ?? '')}</p>
      <p data-testid="error">{result.error?.message ?? ''}</p>
    </div>
  )
}

/** The names of the flags that are true, such as `['isRunning']`. */
function flagsOf(result: UseRunResult<Input>): string[] {
  return Object.entries(result)
    .filter(([name, value]) => name.startsWith('is') && value === true)
    .map(([name]) => name)
}

const text = (id: string) => screen.getByTestId(id).textContent

describe('useRun', () => {
  it('drives local/text to COMPLETED and shows the text', async () => {
    const flagCounts = new Set<number>()
    renderWithProvider(
      <Runner
        options={{ app: 'local/text' }}
        input={{ prompt: 'a lighthouse', max_tokens: 8 }}
        onResult={(result) => flagCounts.add(flagsOf(result).length)}
      />,
      { url: local.url() },
    )
    expect(text('flags')).toBe('isIdle')

    fireEvent.click(screen.getByText('Run'))

    await waitFor(() => expect(text('status')).toBe('COMPLETED'))
    expect(text('flags')).toBe('isSuccess')
    expect(text('text')?.split(/\s+/).filter(Boolean).length).toBeGreaterThanOrEqual(8)
    expect(text('error')).toBe('')
    expect([...flagCounts]).toEqual([1])
  })

  it('ends local/fail in isError with the server message', async () => {
    const onError = vi.fn()
    renderWithProvider(<Runner options={{ app: 'local/fail', onError }} />, {
      url: local.url(),
    })

    fireEvent.click(screen.getByText('Run'))

    await waitFor(() => expect(text('status')).toBe('FAILED'))
    expect(text('flags')).toBe('isError')
    expect(text('error')).toContain('ran out of memory at step 3')
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ type: 'task-failed' })
  })

  it('cancels a running task, which ends CANCELLED', async () => {
    renderWithProvider(<Runner options={{ app: 'test/hold' }} />, { url: local.url() })

    fireEvent.click(screen.getByText('Run'))
    await waitFor(() => expect(text('status')).toBe('RUNNING'))
    expect(text('flags')).toBe('isRunning')

    fireEvent.click(screen.getByText('Cancel'))

    await waitFor(() => expect(text('status')).toBe('CANCELLED'))
    expect(text('flags')).toBe('isCancelled')
    expect(text('error')).toBe('')
  })

  it('cancels a task whose run request is still in flight once it is created', async () => {
    let latest: UseRunResult<Input> | undefined
    renderWithProvider(<Runner options={{ app: 'test/hold' }} onResult={(r) => (latest = r)} />, {
      url: local.url(),
    })

    let cancelled: Promise<unknown> = Promise.resolve()
    act(() => {
      void latest?.run()
      cancelled = latest?.cancel() ?? cancelled
    })

    await expect(cancelled).resolves.toMatchObject({ id: expect.any(String) })
    await waitFor(() => expect(text('status')).toBe('CANCELLED'))
  })

  it('calls onComplete once, with the terminal state, under StrictMode', async () => {
    const onComplete = vi.fn()
    const onUpdate = vi.fn()
    const options = { app: 'local/text', onComplete, onUpdate }
    const { store, rerender } = renderWithProvider(
      <Runner options={options} input={{ prompt: 'once' }} />,
      { url: local.url(), strict: true },
    )

    fireEvent.click(screen.getByText('Run'))
    await waitFor(() => expect(onComplete).toHaveBeenCalled())
    const [state] = onComplete.mock.calls[0] ?? []
    await waitForClosedStream(store, state.id)

    // The whole task again, as a re-read after a reconnect sends it, and a new callback.
    const later = vi.fn()
    rerender(<Runner options={{ ...options, onComplete: later }} input={{ prompt: 'once' }} />)
    act(() => store.getState().track({ ...state.task, updated_at: 'later' }))

    expect(onComplete).toHaveBeenCalledTimes(1)
    expect(later).not.toHaveBeenCalled()
    expect(state.status).toBe(TaskStatus.COMPLETED)
    expect(onUpdate.mock.lastCall?.[0]).toMatchObject({ id: state.id, updated_at: 'later' })
  })

  it('posts the task once and opens one connection under StrictMode', async () => {
    const posts: string[] = []
    renderWithProvider(<Runner options={{ app: 'test/hold' }} runOnMount />, {
      url: local.url(),
      strict: true,
      onRequest: (method, url) => {
        if (method === 'POST' && url.endsWith('/apps/run')) posts.push(url)
      },
    })

    await waitFor(() => expect(text('status')).toBe('RUNNING'))
    const id = text('task-id') ?? ''
    await waitFor(() => expect(local.server().openStreams(id)).toBe(1))

    expect(posts).toHaveLength(1)
    expect(local.server().openStreams(id)).toBe(1)
  })

  it('reports a failed run request in error and onError, and run does not reject', async () => {
    const onError = vi.fn()
    let latest: UseRunResult<Input> | undefined
    renderWithProvider(
      <Runner options={{ app: 'local/missing', onError }} onResult={(r) => (latest = r)} />,
      { url: local.url() },
    )

    let outcome: unknown = 'not yet'
    await act(async () => {
      outcome = await latest?.run()
    })

    expect(outcome).toBeUndefined()
    await waitFor(() => expect(text('flags')).toBe('isError'))
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ type: 'api', status: 404 })
    await expect(latest?.runAsync()).rejects.toMatchObject({ type: 'api' })
  })

  it('goes back to idle on reset', async () => {
    let latest: UseRunResult<Input> | undefined
    renderWithProvider(<Runner options={{ app: 'test/hold' }} onResult={(r) => (latest = r)} />, {
      url: local.url(),
    })

    fireEvent.click(screen.getByText('Run'))
    await waitFor(() => expect(text('status')).toBe('RUNNING'))

    act(() => latest?.reset())

    await waitFor(() => expect(text('flags')).toBe('isIdle'))
    expect(text('status')).toBe('none')
    expect(latest?.taskId).toBeNull()
    expect(latest?.logs).toEqual([])
  })
})
