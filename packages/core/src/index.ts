export type { GetToken, TokenRequest } from './auth-fetch'
export type { ClientOptions, RequestSignalOptions, RunOptions, TaskstreamClient } from './client'
export { createClient } from './client'
export type { ConnectionBudget } from './connection-budget'
export { createConnectionBudget } from './connection-budget'
export type { Problem, StreamErrorKind, TaskstreamErrorType } from './errors'
export {
  ApiError,
  StreamError,
  TaskCancelledError,
  TaskFailedError,
  TaskstreamError,
} from './errors'
export type { LogLines, LogLinesUpdate } from './log-lines'
export { createLogLines, updateLogLines } from './log-lines'
export type { MergeContext, TaskUpdate } from './merge-task'
export { applyDelta, isDelta, mergeTask, readUpdate } from './merge-task'
export { ndjsonTransport } from './ndjson-transport'
export { pollTransport } from './poll-transport'
export { lastLogProgress, parseTqdm, progressFromTask, readProgress } from './progress'
export { hasOvertaken, reconcileTask, settleTask } from './reconcile-task'
export type { ReconnectOptions, ReconnectPolicy } from './reconnect-policy'
export { createReconnectPolicy } from './reconnect-policy'
export { sseTransport } from './sse-transport'
export type { StatusTable, TaskStatusName } from './status'
export { isTerminal, parseStatus, statusName, TaskStatus } from './status'
export type { TaskAction, TaskEntry } from './task-reducer'
export { createTaskEntry, taskReducer } from './task-reducer'
export type {
  TaskStore,
  TaskStoreClient,
  TaskStoreOptions,
  TaskStoreState,
} from './task-store'
export { createTaskStore } from './task-store'
export type { StreamOptions, TaskStream } from './task-stream'
export type {
  StreamMessage,
  Transport,
  TransportEnd,
  TransportHandlers,
  TransportRequest,
} from './transport'
export type {
  ConnectionState,
  FileOutput,
  LogLine,
  LogRecord,
  Progress,
  RunParams,
  StatusEvent,
  Task,
  TaskState,
  TransportName,
} from './types'
