import recording from './recorded-image-task.json'

/** The base URL the replayed client talks to; nothing is ever sent there. */
export const replayBase = 'https://replay.taskstream.invalid'

interface ReplayOptions {
  /** The task id the replay answers for. */
  taskId: string
  /** Stands in for the recorded image file, which lived on the recording's server. */
  imageUrl: string
  /** How much faster than recorded to play. Default `1`. */
  speed?: number
}

/**
 * A `fetch` that answers the kit's requests with a recorded run of `local/image` on the local
 * server, each chunk at its recorded time, so a story follows a real stream offline.
 */
export function replayFetch({ taskId, imageUrl, speed = 1 }: ReplayOptions): typeof fetch {
  const fill = (text: string) =>
    text
      .replaceAll('__BASE__/files/__TASK__/image.png', imageUrl)
      .replaceAll('__BASE__', replayBase)
      .replaceAll('__TASK__', taskId)

  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const method = init?.method ?? 'GET'
    const path = url.pathname.replace(taskId, '__TASK__')
    const entry = recording.responses.find((r) => r.method === method && r.path === path)
    if (!entry) return new Response('not in the recording', { status: 404 })

    const first = entry.chunks[0]?.at ?? 0
    const signal = init?.signal
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const encoder = new TextEncoder()
        const began = performance.now()
        for (const chunk of entry.chunks) {
          const wait = (chunk.at - first) / speed - (performance.now() - began)
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
          if (signal?.aborted) return
          controller.enqueue(encoder.encode(fill(chunk.text)))
        }
        controller.close()
      },
    })
    return new Response(body, {
      status: entry.status,
      headers: { 'content-type': entry.contentType ?? 'application/octet-stream' },
    })
  }
}
