import { render, screen } from '@testing-library/react'
import { createRef } from 'react'
import './cleanup'
import { describe, expect, it } from 'vitest'
import { ProgressBar } from '../src/index'

describe('ProgressBar', () => {
  it('exposes a determinate value to assistive technology', () => {
    render(<ProgressBar value={45} label="Upscaling" />)
    const bar = screen.getByRole('progressbar', { name: 'Upscaling' })

    expect(bar.getAttribute('aria-valuemin')).toBe('0')
    expect(bar.getAttribute('aria-valuemax')).toBe('100')
    expect(bar.getAttribute('aria-valuenow')).toBe('45')
    expect(bar.getAttribute('aria-valuetext')).toBe('45%')
    expect(bar.dataset.state).toBe('loading')
  })

  it('scales the value text to a custom max', () => {
    render(<ProgressBar value={3} max={12} />)
    const bar = screen.getByRole('progressbar')

    expect(bar.getAttribute('aria-valuemax')).toBe('12')
    expect(bar.getAttribute('aria-valuenow')).toBe('3')
    expect(bar.getAttribute('aria-valuetext')).toBe('25%')
  })

  it('is indeterminate for a null value, without aria-valuenow', () => {
    render(<ProgressBar value={null} />)
    const bar = screen.getByRole('progressbar')

    expect(bar.hasAttribute('aria-valuenow')).toBe(false)
    expect(bar.hasAttribute('aria-valuetext')).toBe(false)
    expect(bar.dataset.state).toBe('indeterminate')
  })

  it('reads as complete at max and clamps values outside the range', () => {
    const { rerender } = render(<ProgressBar value={140} />)
    const bar = screen.getByRole('progressbar')
    expect(bar.getAttribute('aria-valuenow')).toBe('100')
    expect(bar.dataset.state).toBe('complete')

    rerender(<ProgressBar value={-5} />)
    expect(bar.getAttribute('aria-valuenow')).toBe('0')
    expect(bar.dataset.state).toBe('loading')
  })

  it('forwards its ref, className and other props to the root', () => {
    const ref = createRef<HTMLDivElement>()
    render(<ProgressBar ref={ref} value={10} className="mine" data-testid="bar" id="p1" />)

    expect(ref.current).toBe(screen.getByTestId('bar'))
    expect(ref.current?.className).toBe('ts-progress mine')
    expect(ref.current?.id).toBe('p1')
  })
})
