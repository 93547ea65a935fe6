import { TaskStatus } from '@taskstream/core'
import { render, screen } from '@testing-library/react'
import { createRef } from 'react'
import './cleanup'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TaskTimeline, taskPhases } from '../src/index'
import { fixtureStart, taskState } from './task-state'

const at = (seconds: number) => fixtureStart + seconds * 1000

const finished = [
  { status: TaskStatus.RECEIVED, at: at(0) },
  { status: TaskStatus.QUEUED, at: at(1) },
  { status: TaskStatus.SETTING_UP, at: at(3) },
  { status: TaskStatus.RUNNING, at: at(8) },
  { status: TaskStatus.UPLOADING, at: at(38) },
  { status: TaskStatus.COMPLETED, at: at(40) },
]

afterEach(() => {
  vi.useRealTimers()
})

describe('taskPhases', () => {
  it('adds up the time in each phase from the status changes', () => {
    const phases = taskPhases(finished, at(100))

    expect(phases.map((phase) => [phase.name, phase.state, phase.ms])).toEqual([
      ['queue', 'done', 3000],
      ['setup', 'done', 5000],
      ['run', 'done', 30_000],
      ['upload', 'done', 2000],
    ])
  })

  it('counts the phase under way up to now', () => {
    const phases = taskPhases(finished.slice(0, 4), at(12))

    expect(phases.map((phase) => phase.state)).toEqual(['done', 'done', 'active', 'pending'])
    expect(phases[2]?.ms).toBe(4000)
  })

  it('marks the phase a task failed in, and the ones it never reached as pending', () => {
    const failed = [...finished.slice(0, 4), { status: TaskStatus.FAILED, at: at(9) }]
    const phases = taskPhases(failed, at(100))

    expect(phases.map((phase) => phase.state)).toEqual(['done', 'done', 'failed', 'pending'])
  })

  it('marks skipped phases of a task that completed without them', () => {
    const quick = [
      { status: TaskStatus.QUEUED, at: at(0) },
      { status: TaskStatus.RUNNING, at: at(1) },
      { status: TaskStatus.COMPLETED, at: at(2) },
    ]
    const phases = taskPhases(quick, at(100))

    expect(phases.map((phase) => phase.state)).toEqual(['done', 'skipped', 'done', 'skipped'])
  })
})

describe('TaskTimeline', () => {
  it('lists each status change with its offset and how long it lasted', () => {
    render(<TaskTimeline task={taskState({ status: 'completed', events: finished })} />)
    const items = screen.getAllByRole('listitem')

    expect(items.map((item) => item.textContent)).toEqual([
      'Received+0:00for 0:01',
      'Queued+0:01for 0:02',
      'Setting up+0:03for 0:05',
      'Running+0:08for 0:30',
      'Uploading+0:38for 0:02',
      'Completed+0:40',
    ])
  })

  it('shows the time spent in each phase', () => {
    render(<TaskTimeline task={taskState({ status: 'completed', events: finished })} />)
    const phases = Array.from(document.querySelectorAll('.ts-timeline-phase'), (phase) => [
      phase.querySelector('dt')?.textContent,
      phase.querySelector('dd')?.textContent,
    ])

    expect(phases).toEqual([
      ['Queue', '0:03'],
      ['Set-up', '0:05'],
      ['Run', '0:30'],
      ['Upload', '0:02'],
    ])
  })

  it('forwards its ref, className, data-state and other props', () => {
    vi.useFakeTimers({ now: at(10) })
    const ref = createRef<HTMLDivElement>()
    render(
      <TaskTimeline
        ref={ref}
        className="mine"
        title="timeline"
        task={taskState({ events: finished.slice(0, 4) })}
      />,
    )

    expect(ref.current?.className).toBe('ts-timeline mine')
    expect(ref.current?.dataset.state).toBe('running')
    expect(ref.current?.title).toBe('timeline')
  })
})
