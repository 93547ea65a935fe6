#!/usr/bin/env node
// Records what the kit's client receives while following one `local/image` task on the local
// server (every response, chunk by chunk, with its time), for the stories to replay offline.
// Run after `pnpm run build`: node packages/components/scripts/record-stream.mjs
import { writeFileSync } from 'node:fs'
import { createClient, createTaskStore, isTerminal } from '../../core/dist/index.js'
import { createTaskServer } from '../../server/dist/index.js'

const out = new URL('../src/stories/recorded-image-task.json', import.meta.url)
const server = createTaskServer({ port: 0 })
const base = await server.listen()
const started = Date.now()
const responses = []

/** A fetch that keeps a copy of every response body, chunk by chunk. */
async function recordingFetch(input, init) {
  const response = await fetch(input, init)
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
  const entry = {
    method: init?.method ?? 'GET',
    path: url.pathname,
    status: response.status,
    contentType: response.headers.get('content-type'),
    chunks: [],
  }
  responses.push(entry)
  if (!response.body) return response

  const [mine, theirs] = response.body.tee()
  const decoder = new TextDecoder()
  ;(async () => {
    for await (const chunk of theirs) {
      entry.chunks.push({ at: Date.now() - started, text: decoder.decode(chunk, { stream: true }) })
    }
  })()
  return new Response(mine, { status: response.status, headers: response.headers })
}

const client = createClient({ baseUrl: base, fetch: recordingFetch })
const input = { prompt: 'a fern at dawn', width: 64, height: 40, steps: 12 }
const task = await client.run({ app: 'local/image', input }, { wait: false })
const store = createTaskStore(client)
const stop = store.getState().watch(task.id)
await new Promise((resolve) => {
  const check = () => {
    if (isTerminal(store.getState().tasks[task.id]?.status ?? 0)) resolve()
  }
  store.subscribe(check)
  check()
})
stop()
await server.close()

// Server URLs and the task id become placeholders the stories fill in.
const text = JSON.stringify({ taskId: task.id, responses }, null, 1)
  .replaceAll(base, '__BASE__')
  .replaceAll(task.id, '__TASK__')
writeFileSync(out, `${text}\n`)
console.log(`recorded ${responses.length} responses over ${Date.now() - started} ms`)
