'use client'

import type { TaskState, TaskStore } from '@taskstream/core'
import { useCallback, useRef, useSyncExternalStore } from 'react'

/** Picks a value out of a task's state. */
export type TaskSelector<Selected> = (state: TaskState) => Selected

/** Tells whether two selected values are the same, so the component need not re-render. */
export type Equality<Selected> = (a: Selected, b: Selected) => boolean

interface Selection {
  state: TaskState | undefined
  selector: TaskSelector<unknown>
  selected: unknown
}

/**
 * Reads one task's state from the store through a selector, and re-renders only when the
 * selection changes. The last selection is cached by the state it came from, so a selector that
 * builds a new object does not loop, and with an `equality` it does not re-render either.
 */
export function useTaskSelection(
  store: TaskStore,
  taskId: string | null | undefined,
  selector: TaskSelector<unknown>,
  equality: Equality<unknown>,
): unknown {
  const cache = useRef<Selection | null>(null)

  const subscribe = useCallback((onChange: () => void) => store.subscribe(onChange), [store])

  const getSnapshot = () => {
    const state = taskId == null ? undefined : store.getState().tasks[taskId]
    const last = cache.current
    if (last && last.state === state && last.selector === selector) return last.selected

    const selected = state === undefined ? undefined : selector(state)
    const same = last !== null && last.selected !== undefined && selected !== undefined
    const kept = same && equality(last.selected, selected) ? last.selected : selected
    cache.current = { state, selector, selected: kept }
    return kept
  }

  // The store holds no browser state, so the server reads it the same way.
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
}
