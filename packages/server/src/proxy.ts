// The proxy alone, free of Node built-ins, for edge runtimes (`@taskstream/server/proxy`).
export { ProblemError, type ProblemType } from './errors'
export {
  type AuthorizeResult,
  createProxyHandler,
  type FetchHandler,
  kitCalls,
  type ProxyOptions,
} from './proxy-handler'
export { targetHeader, targetParam } from './proxy-target'
