/** A partial update split for a client that reads deltas. */
export interface DeltaSplit {
  /** Fields sent whole, as in a partial update. */
  data: Record<string, unknown>
  /** The keys of `data`. */
  fields: string[]
  /** Text to add to the end of what the client holds, by path; empty when nothing appends. */
  append: Record<string, unknown>
}

/**
 * Splits a partial update against what this connection already sent: a string that only grew
 * (logs, streamed text, also inside objects such as `output`) goes as the added text, the rest
 * whole. So a token stream costs bytes in proportion to its text, not its square.
 */
export function splitDelta(sent: Record<string, unknown>, data: Record<string, unknown>) {
  const split: DeltaSplit = { data: {}, fields: [], append: {} }
  for (const [key, value] of Object.entries(data)) {
    const added = growth(sent[key], value)
    if (added === undefined) {
      split.data[key] = value
      split.fields.push(key)
    } else if (added !== null) split.append[key] = added
  }
  return split
}

/**
 * What `next` adds to `before`: a string suffix, an object of such additions, `null` when they
 * are equal, `undefined` when `next` is not `before` grown (so it must be sent whole).
 */
function growth(before: unknown, next: unknown): unknown {
  if (typeof before === 'string' && typeof next === 'string') {
    if (next === before) return null
    return next.length > before.length && next.startsWith(before)
      ? next.slice(before.length)
      : undefined
  }
  if (!isPlainObject(before) || !isPlainObject(next)) return undefined
  if (Object.keys(before).some((key) => !(key in next))) return undefined

  const added: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(next)) {
    const inner = key in before ? growth(before[key], value) : undefined
    if (inner === undefined && JSON.stringify(before[key]) !== JSON.stringify(value))
      return undefined
    if (inner !== undefined && inner !== null) added[key] = inner
  }
  return Object.keys(added).length === 0 ? null : added
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
