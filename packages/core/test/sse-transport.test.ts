import { describe, expect, it } from 'vitest'
import {
  ApiError,
  StreamError,
  type StreamMessage,
  sseTransport,
  type TransportHandlers,
} from '../src/index'
import { bodyOf, frame, jsonResponse, scriptedFetch, splitBytes, sseResponse } from './helpers/sse'

/** Opens the transport on one scripted answer; returns the outcome and what it reported. */
async function read(answer: () => Response) {
  const { fetch, seen } = scriptedFetch([answer])
  const messages: StreamMessage[] = []
  const errors: StreamError[] = []
  const retries: number[] = []
  const handlers: TransportHandlers = {
    onOpen: () => undefined,
    onMessage: (message) => messages.push(message),
    onRetry: (delayMs) => retries.push(delayMs),
    onError: (error) => errors.push(error),
  }
  const request = {
    url: 'http://test/tasks/t/stream',
    taskUrl: 'http://test/tasks/t',
    headers: new Headers({ Authorization: 'Bearer k' }),
    lastEventId: '4',
    signal: new AbortController().signal,
    fetch,
    heartbeatTimeoutMs: 0,
    pollIntervalMs: 0,
  }
  const outcome = await sseTransport(request, handlers).catch((error: unknown) => error)
  return { outcome, messages, errors, retries, seen }
}

describe('sseTransport', () => {
  it('reads events cut at every byte, with CRLF line ends and multi-byte text', async () => {
    const text = [
      'retry: 250\r\n\r\n',
      frame('update', { id: 't', status: 7, logs: 'é✓ 🎨\n' }, 1).replaceAll('\n', '\r\n'),
      frame('done', {}, 2).replaceAll('\n', '\r\n'),
    ].join('')
    const everyByte = Array.from({ length: new TextEncoder().encode(text).length }, (_, i) => i)
    const { outcome, messages, retries } = await read(() =>
      sseResponse(splitBytes(text, everyByte)),
    )

    expect(outcome).toBe('done')
    expect(retries).toEqual([250])
    expect(messages).toEqual([
      { event: 'update', data: { id: 't', status: 7, logs: 'é✓ 🎨\n' }, id: '1' },
      { event: 'done', data: {}, id: '2' },
    ])
  })

  it('reads a CRLF split between two chunks as one line end', async () => {
    const text = frame('update', { id: 't', status: 2 }, 1).replaceAll('\n', '\r\n')
    const cut = text.indexOf('\r\n') + 1
    const { messages } = await read(() => sseResponse(splitBytes(text, [cut])))
    expect(messages).toEqual([{ event: 'update', data: { id: 't', status: 2 }, id: '1' }])
  })

  it('reports a malformed event, skips it and goes on', async () => {
    const broken = frame('update', '{"data":{"status":', 1)
    const text = `${broken}${frame('update', { id: 't', status: 7 }, 2)}`
    const { outcome, messages, errors } = await read(() => sseResponse(text))

    expect(outcome).toBe('ended')
    expect(errors.map((error) => error.kind)).toEqual(['malformed-event'])
    expect(messages.map((message) => message.id)).toEqual(['2'])
  })

  it('ignores heartbeats and unknown events, and reads data-only events as updates', async () => {
    const text = `: ping\n\n${frame('progress', { x: 1 })}data: {"id":"t","status":7}\n\n`
    const { messages } = await read(() => sseResponse(text))
    expect(messages).toEqual([{ event: 'update', data: { id: 't', status: 7 }, id: null }])
  })

  it('stops reading after done', async () => {
    const text = `${frame('done', {})}${frame('update', { id: 't', status: 7 })}`
    const { outcome, messages } = await read(() => sseResponse(text))
    expect(outcome).toBe('done')
    expect(messages.map((message) => message.event)).toEqual(['done'])
  })

  it('refuses a stream answered with another content type, without parsing it', async () => {
    const html = `<html>${frame('update', { id: 't', status: 7 })}</html>`
    const answer = () =>
      new Response(bodyOf(splitBytes(html, [])), { headers: { 'Content-Type': 'text/html' } })
    const { outcome, messages } = await read(answer)

    expect(outcome).toBeInstanceOf(StreamError)
    expect((outcome as StreamError).kind).toBe('unexpected-content-type')
    expect(messages).toEqual([])
  })

  it('turns an error answer into an ApiError with the problem', async () => {
    const problem = { title: 'Task not found', detail: 'no task "t"', status: 404 }
    const { outcome } = await read(() => jsonResponse(problem, 404, 'application/problem+json'))

    expect(outcome).toBeInstanceOf(ApiError)
    expect((outcome as ApiError).status).toBe(404)
    expect((outcome as ApiError).problem.detail).toBe('no task "t"')
  })

  it('asks for an event stream and resumes with Last-Event-ID', async () => {
    const { seen } = await read(() => sseResponse(frame('done', {})))
    expect(seen[0]?.headers.get('accept')).toBe('text/event-stream')
    expect(seen[0]?.headers.get('last-event-id')).toBe('4')
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer k')
  })
})
