import type { ComponentPropsWithRef, CSSProperties } from 'react'
import { classNames } from './class-names'
import { warnOnce } from './warn-once'

/** Props of `ProgressBar`; other props go to the root `<div role="progressbar">`. */
export interface ProgressBarProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** How far along, from 0 to `max`; `null` is indeterminate (work goes on, amount unknown). */
  value: number | null
  /** The value that means done. Default `100`. */
  max?: number
  /** The accessible name of the bar. Default `'Progress'`. */
  label?: string
  /** Turns the value into the text a screen reader says. Default: a whole percentage. */
  getValueText?: (value: number, max: number) => string
}

/** Where a progress bar stands: unknown, under way or full. */
export type ProgressBarState = 'indeterminate' | 'loading' | 'complete'

function percentText(value: number, max: number): string {
  return `${Math.round((value / max) * 100)}%`
}

/**
 * An accessible progress bar. A number is determinate (`aria-valuenow`, `data-state`
 * `loading` or `complete`); `null` is indeterminate, shown as a moving stripe.
 */
export function ProgressBar({
  value,
  max = 100,
  label = 'Progress',
  getValueText = percentText,
  className,
  style,
  ...rest
}: ProgressBarProps) {
  // A value that is not a number reads as unknown; a max that cannot divide falls back.
  const safeMax = Number.isFinite(max) && max > 0 ? max : 100
  if (safeMax !== max) {
    warnOnce('progress-max', `ProgressBar max ${max} is not a positive number; using 100.`)
  }
  const known = value !== null && Number.isFinite(value)
  const clamped = known ? Math.min(Math.max(value, 0), safeMax) : null

  const state: ProgressBarState =
    clamped === null ? 'indeterminate' : clamped >= safeMax ? 'complete' : 'loading'
  const fraction = clamped === null ? null : clamped / safeMax
  const barStyle = { ...style, '--ts-progress': fraction ?? 0 } as CSSProperties

  return (
    <div
      aria-label={label}
      {...rest}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={safeMax}
      aria-valuenow={clamped ?? undefined}
      aria-valuetext={clamped === null ? undefined : getValueText(clamped, safeMax)}
      className={classNames('ts-progress', className)}
      style={barStyle}
      data-state={state}
      data-value={clamped ?? undefined}
      data-max={safeMax}
    >
      <div className="ts-progress-indicator" />
    </div>
  )
}
