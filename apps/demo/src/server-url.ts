const fallback = 'http://127.0.0.1:8787'

/** The task server to talk to: `?server=` in the page URL, else the build's, else the default. */
export function serverUrl(): string {
  const fromQuery = new URLSearchParams(window.location.search).get('server')
  return fromQuery ?? import.meta.env.VITE_TASKSTREAM_URL ?? fallback
}
