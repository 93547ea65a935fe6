import { useSyncExternalStore } from 'react'

const noSubscription = () => () => {}

/**
 * The page's address, to resolve relative URLs against; `undefined` during server
 * rendering and hydration, so both render the same markup.
 */
export function usePageUrl(): string | undefined {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.href,
    () => undefined,
  )
}
