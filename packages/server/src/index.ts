export type { ApiKeyOption } from './api-key-check'
export { audioApp } from './apps/audio'
export { builtInApps } from './apps/built-in-apps'
export { failApp } from './apps/fail'
export { imageApp } from './apps/image'
export { lifecycleApp } from './apps/lifecycle'
export { textApp } from './apps/text'
export { InputError, ProblemError, type ProblemType } from './errors'
export type { FailRequests, FaultOptions } from './faults'
export { toNodeListener } from './node-listener'
export { encodePng } from './png'
export {
  type AuthorizeResult,
  createProxyHandler,
  type FetchHandler,
  kitCalls,
  type ProxyOptions,
} from './proxy-handler'
export { targetHeader, targetParam } from './proxy-target'
export { type PhaseName, Status, type StatusName } from './status'
export type { FieldSchema, OutputFile, TaskApp, TaskContext, TaskProgress } from './task-app'
export type { WireTask } from './task-registry'
export { createTaskServer, type TaskServer, type TaskServerOptions } from './task-server'
export { formatTqdm } from './tqdm'
export { encodeWav } from './wav'
