import { quote, StreamError } from './errors'
import type { TransportHandlers } from './transport'

/** Parses one message's JSON; text that is not JSON is reported and reads `undefined`. */
export function readJson(text: string, handlers: Pick<TransportHandlers, 'onError'>): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    const message = `Skipped a message that is not JSON: ${quote(text)}`
    handlers.onError(new StreamError('malformed-event', message, null))
    return undefined
  }
}
