import { TaskStatus } from '@taskstream/core'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { createRef } from 'react'
import './cleanup'
import './layout'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TaskProgress } from '../src/index'
import { fixtureStart, taskState } from './task-state'

const esc = '\u001b'

function root(): HTMLElement {
  return document.querySelector('.ts-task-progress') as HTMLElement
}

afterEach(() => {
  vi.useRealTimers()
})

describe('TaskProgress', () => {
  it('names the status in data-state and the task in data-task-id', () => {
    render(<TaskProgress task={taskState({ id: 'task_9', status: 'running' })} />)

    expect(root().dataset.state).toBe('running')
    expect(root().dataset.taskId).toBe('task_9')
    expect(screen.getByText('Running').dataset.status).toBe('RUNNING')
  })

  it('announces the status in a polite live region', () => {
    const { rerender } = render(<TaskProgress task={taskState({ status: 'queued' })} />)
    const region = root().querySelector('[aria-live="polite"]')
    expect(region?.textContent).toBe('Task queued')

    rerender(<TaskProgress task={taskState({ status: 'completed' })} />)
    expect(region?.textContent).toBe('Task completed')
  })

  it('shows known progress as a determinate bar, with counts, rate and time left', () => {
    vi.useFakeTimers({ now: fixtureStart + 3000 })
    const progress = { percent: 45, current: 9, total: 20, eta: 4 }
    render(<TaskProgress task={taskState({ progress })} />)
    const bar = screen.getByRole('progressbar')

    expect(bar.getAttribute('aria-valuenow')).toBe('45')
    expect(bar.getAttribute('aria-valuetext')).toBe('45%, 9 of 20, 3.0/s, about 0:04 left')
    expect(root().querySelector('.ts-task-figures')?.textContent).toBe(
      '45% · 9 of 20 · 3.0/s · about 0:04 left',
    )
  })

  it('works out the time left from the rate when the server gives none', () => {
    vi.useFakeTimers({ now: fixtureStart + 4000 })
    const progress = { percent: 40, current: 8, total: 20, eta: null }
    render(<TaskProgress task={taskState({ progress })} />)

    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe(
      '40%, 8 of 20, 2.0/s, about 0:06 left',
    )
  })

  it('prefers the rate the log reports to an average', () => {
    vi.useFakeTimers({ now: fixtureStart + 3000 })
    const progress = { percent: 45, current: 9, total: 20, eta: 4, rate: 12.5 }
    render(<TaskProgress task={taskState({ progress })} />)

    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe(
      '45%, 9 of 20, 13/s, about 0:04 left',
    )
  })

  it('shows the phases as steps, the current one marked', () => {
    const events = [
      { status: TaskStatus.QUEUED, at: fixtureStart },
      { status: TaskStatus.SETTING_UP, at: fixtureStart + 1000 },
      { status: TaskStatus.RUNNING, at: fixtureStart + 5000 },
    ]
    render(<TaskProgress task={taskState({ events })} />)
    const steps = screen.getAllByRole('listitem')

    expect(steps.map((step) => step.dataset.state)).toEqual(['done', 'done', 'active', 'pending'])
    expect(steps[2]?.getAttribute('aria-current')).toBe('step')
    expect(steps[2]?.textContent).toBe('Run, under way')
  })

  it('steps follow the status even when the events have not caught up', () => {
    render(<TaskProgress task={taskState({ status: 'setting_up', events: [] })} />)
    const steps = screen.getAllByRole('listitem')
    expect(steps.map((step) => step.dataset.state)).toEqual([
      'skipped',
      'active',
      'pending',
      'pending',
    ])
  })

  it('previews the result in the compact variant: the first image, or the text', () => {
    const image = { uri: 'https://x.test/out.png', content_type: 'image/png' }
    const { rerender } = render(
      <TaskProgress
        task={taskState({ status: 'completed', output: { image } })}
        variant="compact"
      />,
    )
    expect(screen.getByRole('img', { name: 'Result preview' }).getAttribute('src')).toBe(image.uri)
    expect(document.querySelector('.ts-result-viewer')).toBeNull()

    const output = { text: 'a'.repeat(500) }
    rerender(<TaskProgress task={taskState({ status: 'completed', output })} variant="compact" />)
    expect(document.querySelector('.ts-task-preview')?.textContent).toBe('a'.repeat(140))
  })

  it('leaves the steps out of the compact variant', () => {
    render(<TaskProgress task={taskState()} variant="compact" />)
    expect(screen.queryByRole('list', { name: 'Steps' })).toBeNull()
  })

  it('shows an indeterminate bar while running without progress, and a full one when done', () => {
    const { rerender } = render(<TaskProgress task={taskState({ status: 'running' })} />)
    expect(screen.getByRole('progressbar').dataset.state).toBe('indeterminate')

    rerender(<TaskProgress task={taskState({ status: 'completed' })} />)
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100')
    expect(screen.getByRole('progressbar').dataset.state).toBe('complete')
  })

  it('shows the latest log line with its colours and without escape codes', () => {
    const logs = [
      { id: 0, text: 'loading' },
      { id: 1, text: `${esc}[32mstep 3/20${esc}[0m` },
    ]
    render(<TaskProgress task={taskState({ logs })} />)
    const line = root().querySelector('.ts-task-log-line')

    expect(line?.textContent).toBe('step 3/20')
    expect(screen.getByText('step 3/20').className).toBe('ts-ansi-fg-green')
  })

  it("shows the server's error message in an alert when the task fails", () => {
    const task = taskState({
      status: 'failed',
      task: { id: 'task_1', status: TaskStatus.FAILED, error: 'CUDA out of memory' },
      error: new Error('Task task_1 failed'),
    })
    render(<TaskProgress task={task} />)

    expect(screen.getByRole('alert').textContent).toBe('CUDA out of memory')
    expect(root().dataset.state).toBe('failed')
  })

  it('falls back to the error object when the server gave no message', () => {
    render(
      <TaskProgress task={taskState({ status: 'failed', error: new Error('stream broke') })} />,
    )
    expect(screen.getByRole('alert').textContent).toBe('stream broke')
  })

  it('shows no alert for a cancelled task', () => {
    render(
      <TaskProgress task={taskState({ status: 'cancelled', error: new Error('cancelled') })} />,
    )

    expect(screen.queryByRole('alert')).toBeNull()
    expect(root().dataset.state).toBe('cancelled')
  })

  it('calls onCancel with the task id while the task is not terminal', () => {
    const onCancel = vi.fn()
    const { rerender } = render(
      <TaskProgress task={taskState({ id: 'task_7' })} onCancel={onCancel} />,
    )

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(onCancel).toHaveBeenCalledWith('task_7')

    rerender(
      <TaskProgress task={taskState({ id: 'task_7', status: 'cancelled' })} onCancel={onCancel} />,
    )
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull()
  })

  it('keeps the button busy while the cancel request runs and reports a failed one', async () => {
    let reject: (error: Error) => void = () => {}
    const onCancel = () => new Promise((_, fail) => (reject = fail))
    render(<TaskProgress task={taskState()} onCancel={onCancel} />)

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    const busy = screen.getByRole('button', { name: 'Cancelling…' }) as HTMLButtonElement
    expect(busy.disabled).toBe(true)

    await act(async () => reject(new Error('409 already finished')))
    expect(screen.getByRole('alert').textContent).toBe('Could not cancel: 409 already finished')
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy()
  })

  it('shows the result when the task is done', () => {
    const output = { image: { uri: 'https://x.test/fern.png', content_type: 'image/png' } }
    const { rerender } = render(<TaskProgress task={taskState({ output })} />)
    expect(screen.queryByRole('img')).toBeNull()

    rerender(<TaskProgress task={taskState({ status: 'completed', output })} />)
    expect(screen.getByRole('img').getAttribute('src')).toBe('https://x.test/fern.png')
  })

  it('ticks the elapsed time while running and stops it at the terminal event', () => {
    vi.useFakeTimers({ now: fixtureStart + 5_000 })
    const events = [{ status: TaskStatus.RUNNING, at: fixtureStart }]
    const { rerender } = render(<TaskProgress task={taskState({ events })} />)
    expect(screen.getByText('0:05')).toBeTruthy()

    act(() => vi.advanceTimersByTime(62_000))
    expect(screen.getByText('1:07')).toBeTruthy()

    const done = [...events, { status: TaskStatus.COMPLETED, at: fixtureStart + 70_000 }]
    rerender(<TaskProgress task={taskState({ status: 'completed', events: done })} />)
    act(() => vi.advanceTimersByTime(30_000))
    expect(screen.getByText('1:10').getAttribute('datetime')).toBe('PT70S')
  })

  it('times a task first seen already finished by the server timestamps', () => {
    const task = taskState({
      status: 'completed',
      task: {
        id: 'task_1',
        status: TaskStatus.COMPLETED,
        created_at: new Date(fixtureStart).toISOString(),
        updated_at: new Date(fixtureStart + 42_000).toISOString(),
      },
      events: [{ status: TaskStatus.COMPLETED, at: fixtureStart + 600_000 }],
    })
    render(<TaskProgress task={task} />)

    expect(screen.getByText('0:42')).toBeTruthy()
  })

  it('in the compact variant leaves out the log line and the result but keeps the error', () => {
    const task = taskState({
      status: 'failed',
      logs: [{ id: 0, text: 'boom' }],
      error: new Error('bad input'),
    })
    render(<TaskProgress task={task} variant="compact" />)

    expect(root().querySelector('.ts-task-log-line')).toBeNull()
    expect(screen.getByRole('alert').textContent).toBe('bad input')
  })

  it('forwards its ref, className and other props', () => {
    const ref = createRef<HTMLDivElement>()
    render(<TaskProgress ref={ref} task={taskState()} className="card" aria-label="Job" />)

    expect(ref.current).toBe(root())
    expect(ref.current?.className).toBe('ts-task-progress card')
    expect(ref.current?.getAttribute('aria-label')).toBe('Job')
  })
})
