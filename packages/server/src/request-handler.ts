import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ApiKeyCheck } from './api-key-check'
import { InputError, ProblemError, quote } from './errors'
import type { FaultPlan } from './faults'
import { corsHeaders, readJson, sendJson, sendProblem } from './http-io'
import { resolveInput } from './input-schema'
import { isTerminalStatus, Status } from './status'
import { type OpenStream, streamTask } from './stream-task'
import type { TaskApp } from './task-app'
import type { TaskRecord, TaskRegistry } from './task-registry'
import { runTask } from './task-runner'

/** What the request handler works on; the server owns it. */
export interface HandlerState {
  registry: TaskRegistry
  apps: ReadonlyMap<string, TaskApp>
  timeScale: number
  heartbeatMs: number
  faults: FaultPlan
  streams: Set<OpenStream>
  /** App runs still going, so closing can wait for them to stop. */
  running: Set<Promise<void>>
  /** Refuses requests without the server's API key (a 401 problem), or lets them pass. */
  checkKey: ApiKeyCheck
  /** The server's own URL, or `undefined` when it is embedded and not listening. */
  url(): string | undefined
}

type Route = (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void> | void

/** Creates the node `(req, res)` listener that serves the task API. */
export function createRequestHandler(state: HandlerState) {
  const routes: [string, RegExp, Route][] = [
    ['GET', /^\/apps$/, (_req, res) => sendJson(res, 200, listApps(state.apps))],
    ['POST', /^\/apps\/run$/, (req, res) => runApp(state, req, res)],
    [
      'GET',
      /^\/tasks\/([^/]+)$/,
      (_req, res, [id]) => sendJson(res, 200, findTask(state, id).task),
    ],
    ['GET', /^\/tasks\/([^/]+)\/status$/, (_req, res, [id]) => sendStatus(state, res, id)],
    ['POST', /^\/tasks\/([^/]+)\/cancel$/, (_req, res, [id]) => cancelTask(state, res, id)],
    ['GET', /^\/tasks\/([^/]+)\/stream$/, (req, res, [id]) => openStream(state, req, res, id)],
    [
      'GET',
      /^\/files\/([^/]+)\/([^/]+)$/,
      (_req, res, [id, name]) => sendFile(state, res, id, name),
    ],
  ]

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '') || '/'

      if (req.method === 'OPTIONS') {
        res.writeHead(204, corsHeaders)
        res.end()
        return
      }

      // Files are fetched by <img> and <audio>, which send no key, as from a signed CDN URL.
      const refused = path.startsWith('/files/') ? null : state.checkKey(req.headers.authorization)
      if (refused !== null) {
        sendProblem(res, refused, { 'WWW-Authenticate': 'Bearer realm="taskstream"' })
        return
      }

      const fail = state.faults.takeRequest(path)
      if (fail !== null) {
        const retryAfter = String(fail.retryAfterSeconds ?? 1)
        const detail = `an injected fault answers ${fail.status}; retry after ${retryAfter} s`
        const problem = new ProblemError('injected-fault', fail.status, 'Injected fault', detail)
        sendProblem(res, problem, { 'Retry-After': retryAfter })
        return
      }

      const matching = routes.filter(([, pattern]) => pattern.test(path))
      const route = matching.find(([method]) => method === req.method)
      if (route === undefined && matching.length > 0) {
        const allow = [...matching.map(([method]) => method), 'OPTIONS'].join(', ')
        const detail = `${quote(path)} takes ${allow}, not ${req.method ?? 'this method'}`
        const problem = new ProblemError('method-not-allowed', 405, 'Method not allowed', detail)
        sendProblem(res, problem, { Allow: allow })
        return
      }
      if (route === undefined) {
        const detail = `nothing is served at ${quote(path)}`
        throw new ProblemError('not-found', 404, 'Not found', detail)
      }

      const params = (route[1].exec(path) ?? []).slice(1)
      await route[2](req, res, params)
    } catch (error) {
      answerError(res, error)
    }
  }
}

function listApps(apps: ReadonlyMap<string, TaskApp>) {
  return [...apps.values()].map(({ id, name, description, input }) => ({
    id,
    name,
    description,
    input,
  }))
}

async function runApp(state: HandlerState, req: IncomingMessage, res: ServerResponse) {
  const body = await readJson(req)
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`the body must be an object like {"app", "input"}, got ${quote(body)}`)
  }

  // Known limit: `setup`, `variant` and `webhook` are accepted and ignored; local apps have no
  // variants, and calling webhooks would reach beyond the loopback the server is meant for.
  const { app: appId, input } = body as Record<string, unknown>
  if (typeof appId !== 'string') throw badRequest(`"app" must be a string, got ${quote(appId)}`)

  const app = state.apps.get(appId)
  if (app === undefined) {
    const known = [...state.apps.keys()].join(', ')
    const detail = `there is no app ${quote(appId)}; this server runs ${known}`
    throw new ProblemError('app-not-found', 404, 'App not found', detail)
  }

  let resolved: Record<string, unknown>
  try {
    resolved = resolveInput(app.input, input)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    throw new ProblemError('invalid-input', 400, 'Invalid input', error.message)
  }

  // Answer the task as created, before the app's first step changes it.
  const record = state.registry.create(app.id, resolved)
  const created = { ...record.task }
  const origin = state.url() ?? `http://${req.headers.host ?? 'localhost'}`
  const fileUrl = (taskId: string, filename: string) => `${origin}/files/${taskId}/${filename}`
  const run = runTask(app, record, {
    registry: state.registry,
    timeScale: state.timeScale,
    fileUrl,
  })
  state.running.add(run)
  void run.finally(() => state.running.delete(run))

  sendJson(res, 201, created, { Location: `/tasks/${created.id}` })
}

function findTask(state: HandlerState, id: string | undefined): TaskRecord {
  // Ids are plain `task_<hex>`, so the raw path segment is the id; nothing needs decoding.
  const record = id === undefined ? undefined : state.registry.get(id)
  if (record === undefined) {
    throw new ProblemError('task-not-found', 404, 'Task not found', `no task ${quote(id)}`)
  }
  return record
}

function sendStatus(state: HandlerState, res: ServerResponse, id: string | undefined) {
  const { task } = findTask(state, id)
  sendJson(res, 200, { id: task.id, status: task.status, updated_at: task.updated_at })
}

function cancelTask(state: HandlerState, res: ServerResponse, id: string | undefined) {
  const record = findTask(state, id)
  if (!isTerminalStatus(record.task.status)) {
    // The status first: once terminal, whatever the app still reports is ignored.
    state.registry.update(record, { status: Status.CANCELLED })
    record.controller.abort(new Error(`task ${record.task.id} was cancelled`))
  }
  sendJson(res, 200, record.task)
}

function openStream(
  state: HandlerState,
  req: IncomingMessage,
  res: ServerResponse,
  id: string | undefined,
) {
  const record = findTask(state, id)
  streamTask(req, res, record, {
    registry: state.registry,
    heartbeatMs: state.heartbeatMs,
    headers: corsHeaders,
    faults: state.faults.takeStream(),
    streams: state.streams,
  })
}

function sendFile(
  state: HandlerState,
  res: ServerResponse,
  id: string | undefined,
  name: string | undefined,
) {
  const file = name === undefined ? undefined : findTask(state, id).files.get(name)
  if (file === undefined) {
    throw new ProblemError('file-not-found', 404, 'File not found', `no file ${quote(name)}`)
  }
  res.writeHead(200, {
    ...corsHeaders,
    'Content-Type': file.contentType,
    'Content-Length': file.body.byteLength,
    'Cache-Control': 'private, max-age=3600',
  })
  res.end(file.body)
}

function badRequest(detail: string): ProblemError {
  return new ProblemError('bad-request', 400, 'Bad request', detail)
}

function answerError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (error instanceof ProblemError) {
    sendProblem(res, error)
    return
  }
  const detail = error instanceof Error ? error.message : String(error)
  sendProblem(res, new ProblemError('internal-error', 500, 'Internal error', detail))
}
