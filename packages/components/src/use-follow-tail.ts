import { type RefObject, useCallback, useLayoutEffect, useState } from 'react'

/** How close to the bottom, in pixels, still counts as "at the end" (fractional scrolling). */
const bottomSlack = 16

/** What `useFollowTail` gives back. */
export interface FollowTail {
  /** Whether the view keeps to the newest content. */
  following: boolean
  /** The scroll listener for the scrolling element. */
  onScroll: () => void
  /** Goes back to the newest content and follows it again. */
  jumpToLatest: () => void
}

/**
 * Keeps a scrolling element at its bottom while `content` changes, until the user scrolls
 * up; scrolling back to the bottom, or `jumpToLatest`, follows again.
 */
export function useFollowTail(ref: RefObject<HTMLElement | null>, content: unknown): FollowTail {
  const [following, setFollowing] = useState(true)

  // Runs before paint, so new lines never flash in above the fold first.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `content` is the trigger, not read
  useLayoutEffect(() => {
    const element = ref.current
    if (following && element) element.scrollTop = element.scrollHeight
  }, [following, content, ref])

  const onScroll = useCallback(() => {
    const element = ref.current
    if (!element) return
    const gap = element.scrollHeight - element.scrollTop - element.clientHeight
    setFollowing(gap <= bottomSlack)
  }, [ref])

  const jumpToLatest = useCallback(() => {
    const element = ref.current
    if (element) element.scrollTop = element.scrollHeight
    setFollowing(true)
  }, [ref])

  return { following, onScroll, jumpToLatest }
}
