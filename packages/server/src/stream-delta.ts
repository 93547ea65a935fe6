/** A partial update split for a client that reads deltas. */
export interface DeltaSplit {
  /** Fields sent whole, as in a partial update. */
  data: Record<string, unknown>
  /** The keys of `data`. */
  fields: string[]
  /** Text to add to what the client holds, by path, and values to set inside objects. */
  append: Record<string, unknown>
}

/**
 * Splits a partial update against what this connection already sent: a string that only grew
 * (logs, streamed text, also inside objects such as `output`) goes as the added text, the rest
 * whole. Inside an object that grew, a changed value that is not a string, list or object goes
 * as it is beside the added text, as a token count does. So a token stream costs bytes in
 * proportion to its text, not its square.
 */
export function splitDelta(sent: Record<string, unknown>, data: Record<string, unknown>) {
  const split: DeltaSplit = { data: {}, fields: [], append: {} }
  for (const [key, value] of Object.entries(data)) {
    const added = growth(sent[key], value, false)
    if (added === undefined) {
      split.data[key] = value
      split.fields.push(key)
    } else if (added !== unchanged) split.append[key] = added
  }
  return split
}

// What `growth` answers for a value the client already holds as it is.
const unchanged = Symbol('unchanged')

/**
 * What a client holding `before` must be sent in `append` to hold `next`: a string's suffix, an
 * object of such additions, `unchanged`, or `undefined` when only the whole value will do. The
 * client appends strings, concatenates lists and walks objects; inside an object (`nested`) it
 * sets any other value, and any value where it held something of another kind.
 */
function growth(before: unknown, next: unknown, nested: boolean): unknown {
  if (typeof before === 'string' && typeof next === 'string') {
    if (next === before) return unchanged
    return next.startsWith(before) ? next.slice(before.length) : undefined
  }
  if (isPlainObject(before) && isPlainObject(next)) return objectGrowth(before, next)
  if (!nested) return undefined

  if (JSON.stringify(before) === JSON.stringify(next)) return unchanged
  // Two lists would be concatenated, not replaced.
  return Array.isArray(before) && Array.isArray(next) ? undefined : next
}

function objectGrowth(before: Record<string, unknown>, next: Record<string, unknown>): unknown {
  if (Object.keys(before).some((key) => !(key in next))) return undefined

  const added: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(next)) {
    const inner = key in before ? growth(before[key], value, true) : value
    if (inner === undefined) return undefined
    if (inner !== unchanged) added[key] = inner
  }
  return Object.keys(added).length === 0 ? unchanged : added
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
