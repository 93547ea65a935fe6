import { TaskProgress } from '@taskstream/components'
import { act, screen } from '@testing-library/react'
import { Profiler } from 'react'
import { describe, expect, it } from 'vitest'
import { useTask } from '../src'
import { renderWithProvider, withTaskServer } from './render-with-provider'

const local = withTaskServer()
const updates = 2000

/** Frames the test runs by hand: each runs the store flushes queued since the last one. */
function manualFrames() {
  const queued: Array<() => void> = []
  return {
    schedule: (flush: () => void) => {
      queued.push(flush)
    },
    run: () => {
      for (const flush of queued.splice(0)) flush()
    },
  }
}

/** Shows a task's status name through a selector, handing each render's value to `onRender`. */
function StatusOf(props: { taskId: string; onRender: (name: string | undefined) => void }) {
  const name = useTask(props.taskId, (state) => state.statusName)
  props.onRender(name)
  return <p data-testid="status">{name ?? 'unknown'}</p>
}

/** Yields to the event loop for about one display frame, so the stream can deliver more. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 16))
}

describe('render counts', () => {
  it('renders a status selector once per status change through a 2,000-update stream', async () => {
    const frames = manualFrames()
    const { client, store, rerender } = renderWithProvider(null, {
      url: local.url(),
      storeOptions: { schedule: frames.schedule },
    })
    const task = await client.run({ app: 'test/burst', input: { lines: updates } }, { wait: false })

    let inFrame = false
    let notifications = 0
    let outsideFrames = 0
    store.subscribe(() => {
      notifications += 1
      if (!inFrame) outsideFrames += 1
    })
    const statuses: (string | undefined)[] = []
    const progressCommitsPerFrame: number[] = []
    let progressCommits = 0
    let statusCommits = 0

    rerender(
      <>
        <Profiler id="status" onRender={() => statusCommits++}>
          <StatusOf taskId={task.id} onRender={(name) => statuses.push(name)} />
        </Profiler>
        <Profiler id="progress" onRender={() => progressCommits++}>
          <TaskProgress taskId={task.id} />
        </Profiler>
      </>,
    )

    // Run frames until the stream has closed: every update went through a frame's flush.
    let frameCount = 0
    while (store.getState().tasks[task.id]?.connection !== 'closed' && frameCount < 3000) {
      await nextFrame()
      const before = { commits: progressCommits, notifications }
      inFrame = true
      act(() => frames.run())
      inFrame = false
      progressCommitsPerFrame.push(progressCommits - before.commits)
      expect(notifications - before.notifications).toBeLessThanOrEqual(1)
      frameCount += 1
    }

    const state = store.getState().tasks[task.id]
    expect(state?.logs).toHaveLength(updates)
    expect(screen.getByTestId('status').textContent).toBe('COMPLETED')

    // The status component renders once per distinct status, and never twice for one.
    const changes = statuses.filter((name, index) => index === 0 || name !== statuses[index - 1])
    expect(statuses).toEqual(changes)
    expect(statusCommits).toBe(statuses.length)
    expect(statuses.at(-1)).toBe('COMPLETED')

    // TaskProgress commits at most once per frame; outside frames, only watching the task
    // notified.
    expect(Math.max(...progressCommitsPerFrame)).toBeLessThanOrEqual(1)
    expect(outsideFrames).toBeLessThanOrEqual(2)
    expect(notifications).toBeLessThan(updates / 10)
  })
})
