import { describe, expect, it } from 'vitest'
import { runKey, toRunParams } from '../src/run-params'

describe('toRunParams', () => {
  const defaults: { app: string; input: Record<string, unknown> } = {
    app: 'local/text',
    input: { prompt: 'default', max_tokens: 4 },
  }

  it('sends the options input when run is given nothing', () => {
    expect(toRunParams(defaults, undefined)).toEqual(defaults)
  })

  it('replaces the options input with a plain input given to run', () => {
    expect(toRunParams(defaults, { prompt: 'given' })).toEqual({
      app: 'local/text',
      input: { prompt: 'given' },
    })
  })

  it('reads run parameters when the argument names input or app', () => {
    const params = toRunParams(defaults, { app: 'local/image', variant: 'fast' })

    expect(params).toEqual({ app: 'local/image', variant: 'fast', input: defaults.input })
  })

  it('reads an input that has other fields besides app as an input', () => {
    const params = toRunParams(defaults, { app: 'photo', prompt: 'x' })

    expect(params).toEqual({ app: 'local/text', input: { app: 'photo', prompt: 'x' } })
  })

  it('sends an empty input when neither the options nor run give one', () => {
    expect(toRunParams({ app: 'local/lifecycle' }, undefined)).toEqual({
      app: 'local/lifecycle',
      input: {},
    })
  })
})

describe('runKey', () => {
  it('is equal for equal requests and differs for different ones', () => {
    const a = runKey({ app: 'x', input: { n: 1 } })

    expect(runKey({ app: 'x', input: { n: 1 } })).toBe(a)
    expect(runKey({ app: 'x', input: { n: 2 } })).not.toBe(a)
  })

  it('is undefined for an input that cannot be serialised', () => {
    const input: Record<string, unknown> = {}
    input.self = input

    expect(runKey({ app: 'x', input })).toBeUndefined()
  })
})
