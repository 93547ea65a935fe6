import type { IncomingMessage, ServerResponse } from 'node:http'
import { ProblemError } from './errors'

/** CORS headers on every answer: the demo app and Storybook run on other origins. */
export const corsHeaders: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers':
    'Authorization, Content-Type, Accept, X-API-Version, Last-Event-ID, X-Client-Source',
  'Access-Control-Max-Age': '600',
}

/** Sends a JSON body with its length. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...corsHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}

/** Sends an RFC 9457 problem. */
export function sendProblem(
  res: ServerResponse,
  problem: ProblemError,
  headers: Record<string, string> = {},
): void {
  sendJson(res, problem.status, problem.toJSON(), {
    'Content-Type': 'application/problem+json; charset=utf-8',
    ...headers,
  })
}

/** Reads a request's JSON body, refusing bodies over `limit` bytes and malformed JSON. */
export async function readJson(req: IncomingMessage, limit = 1_000_000): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) {
      throw new ProblemError(
        'payload-too-large',
        413,
        'Payload too large',
        `the request body is over ${limit} bytes`,
      )
    }
    chunks.push(chunk)
  }

  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new ProblemError('bad-request', 400, 'Bad request', 'the request body is not valid JSON')
  }
}
