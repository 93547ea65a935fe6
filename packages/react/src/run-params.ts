import type { RunParams } from '@taskstream/core'

/** What `run()` takes: the app's input, or run parameters that override the hook's options. */
export type RunArgument<Input> = Input | Partial<RunParams<Input>>

const paramKeys = new Set(['app', 'input', 'setup', 'variant', 'webhook'])

function isParams<Input>(value: RunArgument<Input>): value is Partial<RunParams<Input>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const keys = Object.keys(value)
  return (
    keys.some((key) => key === 'app' || key === 'input') && keys.every((key) => paramKeys.has(key))
  )
}

/**
 * Builds the run request from the hook's options and `run()`'s argument. The argument's input
 * replaces the options' input (no merge); with neither, the input is `{}`.
 */
export function toRunParams<Input>(
  defaults: { app: string; input?: Input },
  argument: RunArgument<Input> | undefined,
): RunParams<Input> {
  // Known limit: an input whose only fields are `app`/`input`/`setup`/`variant`/`webhook` reads
  // as run parameters; wrap such an input as `run({ input })` to say which one it is.
  const given = argument === undefined ? {} : isParams(argument) ? argument : { input: argument }
  const input = given.input ?? defaults.input ?? ({} as Input)
  return { ...given, app: given.app ?? defaults.app, input }
}

/** A key that is equal for equal requests, or `undefined` when the input cannot be serialised. */
export function runKey(params: RunParams<unknown>): string | undefined {
  try {
    return JSON.stringify(params)
  } catch {
    return undefined
  }
}
