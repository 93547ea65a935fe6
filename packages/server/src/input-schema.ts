import { InputError, quote } from './errors'
import type { FieldSchema } from './task-app'

/**
 * Checks a run's input against an app's fields and fills in defaults. Fields the app does not
 * declare are kept as they came, like most inference APIs do.
 */
export function resolveInput(
  fields: Record<string, FieldSchema>,
  input: unknown,
): Record<string, unknown> {
  if (input === undefined || input === null) input = {}
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new InputError('input', `input must be an object, got ${quote(input)}`)
  }

  const resolved: Record<string, unknown> = { ...(input as Record<string, unknown>) }
  for (const [name, schema] of Object.entries(fields)) {
    const value = resolved[name]
    if (value === undefined || value === null) {
      if (schema.default === undefined) throw new InputError(name, `input.${name} is required`)
      resolved[name] = schema.default
      continue
    }
    checkField(name, schema, value)
  }
  return resolved
}

function checkField(name: string, schema: FieldSchema, value: unknown): void {
  const fail = (why: string) => new InputError(name, `input.${name} ${why}, got ${quote(value)}`)

  if (schema.type === 'string' || schema.type === 'boolean') {
    if (typeof value !== schema.type) throw fail(`must be a ${schema.type}`)
    return
  }

  if (typeof value !== 'number' || !Number.isFinite(value)) throw fail('must be a number')
  if (schema.type === 'integer' && !Number.isInteger(value)) throw fail('must be an integer')
  if (schema.minimum !== undefined && value < schema.minimum) {
    throw fail(`must be at least ${schema.minimum}`)
  }
  if (schema.maximum !== undefined && value > schema.maximum) {
    throw fail(`must be at most ${schema.maximum}`)
  }
}
