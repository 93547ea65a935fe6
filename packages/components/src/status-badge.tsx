import type { ComponentPropsWithRef } from 'react'
import { classNames } from './class-names'
import { statusLabel, statusPhase, toStatusName } from './status-phase'

/** Props of `StatusBadge`; other props go to the root `<span>`. */
export interface StatusBadgeProps extends Omit<ComponentPropsWithRef<'span'>, 'children'> {
  /** The status: a number from the table or a name such as `'running'`. */
  status: number | string
}

/**
 * The status of a task as a coloured badge, such as "Running".
 * `data-status` holds the enum name (`RUNNING`), `data-phase` the colour group.
 */
export function StatusBadge({ status, className, ...rest }: StatusBadgeProps) {
  const name = toStatusName(status)

  return (
    <span
      {...rest}
      className={classNames('ts-status-badge', className)}
      data-state={name.toLowerCase()}
      data-status={name}
      data-phase={statusPhase(status)}
    >
      {statusLabel(status)}
    </span>
  )
}
