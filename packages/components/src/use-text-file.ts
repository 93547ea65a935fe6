import { useEffect, useState } from 'react'

/** How many bytes of a text file are read and shown at most: 256 kB. */
export const textFileLimit = 256_000

/** Why a text file could not be shown. */
export type TextFileFailure = 'status' | 'type' | 'network'

/** A text file being fetched, shown, or given up on. */
export type TextFileState =
  | { status: 'loading' }
  | { status: 'ready'; text: string; cut: boolean }
  | { status: 'failed'; reason: TextFileFailure; detail: string }

// Stores often keep a file's type unset or generic; HTML is refused, it is a page, not a file.
function isTextType(header: string | null): boolean {
  const essence = header?.split(';')[0]?.trim().toLowerCase() ?? ''
  if (essence === '' || essence === 'application/octet-stream') return true
  return essence.startsWith('text/') && essence !== 'text/html'
}

/** Reads up to `limit` bytes of the body as UTF-8; `cut` when there was more. */
async function readCapped(response: Response, limit: number): Promise<TextFileState> {
  const reader = response.body?.getReader()
  if (!reader) return { status: 'ready', text: '', cut: false }

  const decoder = new TextDecoder()
  let text = ''
  let read = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return { status: 'ready', text: text + decoder.decode(), cut: false }

    const room = limit - read
    if (value.byteLength > room) {
      await reader.cancel()
      // A character split by the cut is dropped: no final flush of the decoder.
      return { status: 'ready', text: text + decoder.decode(value.subarray(0, room)), cut: true }
    }

    read += value.byteLength
    text += decoder.decode(value, { stream: true })
  }
}

async function fetchText(url: string, limit: number, signal: AbortSignal) {
  const response = await fetch(url, { signal })
  if (!response.ok) {
    await response.body?.cancel()
    return { status: 'failed', reason: 'status', detail: `HTTP ${response.status}` } as const
  }

  const type = response.headers.get('content-type')
  if (!isTextType(type)) {
    await response.body?.cancel()
    return { status: 'failed', reason: 'type', detail: String(type).slice(0, 60) } as const
  }

  return readCapped(response, limit)
}

/**
 * Fetches a text file (`url` must already be safe) and reads its first `textFileLimit`
 * bytes. The fetch is aborted when the URL changes or the component goes away; `null`
 * fetches nothing.
 */
export function useTextFile(url: string | null): TextFileState {
  const [result, setResult] = useState<{ url: string; state: TextFileState } | null>(null)

  useEffect(() => {
    if (url === null) return
    const controller = new AbortController()

    fetchText(url, textFileLimit, controller.signal).then(
      (state) => {
        if (!controller.signal.aborted) setResult({ url, state })
      },
      (error: unknown) => {
        if (controller.signal.aborted) return
        const detail = error instanceof Error ? error.message.slice(0, 60) : 'no answer'
        setResult({ url, state: { status: 'failed', reason: 'network', detail } })
      },
    )

    return () => controller.abort()
  }, [url])

  return result !== null && result.url === url ? result.state : { status: 'loading' }
}
