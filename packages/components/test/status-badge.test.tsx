import { TaskStatus } from '@taskstream/core'
import { render, screen } from '@testing-library/react'
import { createRef } from 'react'
import './cleanup'
import { describe, expect, it } from 'vitest'
import { StatusBadge } from '../src/index'

describe('StatusBadge', () => {
  it('shows the status name and keeps the enum name in data-status', () => {
    render(<StatusBadge status={TaskStatus.RUNNING} />)
    const badge = screen.getByText('Running')

    expect(badge.dataset.status).toBe('RUNNING')
    expect(badge.dataset.state).toBe('running')
    expect(badge.dataset.phase).toBe('running')
  })

  it.each([
    [TaskStatus.QUEUED, 'Queued', 'queued'],
    [TaskStatus.SETTING_UP, 'Setting up', 'setup'],
    [TaskStatus.UPLOADING, 'Uploading', 'running'],
    [TaskStatus.COMPLETED, 'Completed', 'done'],
    [TaskStatus.FAILED, 'Failed', 'failed'],
    [TaskStatus.CANCELLED, 'Cancelled', 'cancelled'],
  ])('colours status %i as "%s" in the %s phase', (status, label, phase) => {
    render(<StatusBadge status={status} />)
    expect(screen.getByText(label).dataset.phase).toBe(phase)
  })

  it('reads status names from newer servers and unknown values as Unknown', () => {
    const { rerender } = render(<StatusBadge status="setting_up" data-testid="badge" />)
    expect(screen.getByTestId('badge').textContent).toBe('Setting up')

    rerender(<StatusBadge status={42} data-testid="badge" />)
    expect(screen.getByTestId('badge').textContent).toBe('Unknown')
    expect(screen.getByTestId('badge').dataset.status).toBe('UNKNOWN')
  })

  it('forwards its ref and className', () => {
    const ref = createRef<HTMLSpanElement>()
    render(<StatusBadge ref={ref} status={TaskStatus.QUEUED} className="extra" />)
    expect(ref.current?.className).toBe('ts-status-badge extra')
  })
})
