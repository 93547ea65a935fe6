import type { TaskState, TaskStatus } from '@taskstream/core'
import { describe, expectTypeOf, it } from 'vitest'
import { type UseRunResult, useRun, useTask } from '../src'

// Checked by `tsc`: the hooks are only referenced, never called.
describe('useTask types', () => {
  it('returns the whole state, or undefined, without a selector', () => {
    expectTypeOf(useTask).parameter(0).toEqualTypeOf<string | null | undefined>()
    expectTypeOf(() => useTask('id')).returns.toEqualTypeOf<TaskState | undefined>()
  })

  it('returns the selection, or undefined, with a selector', () => {
    const status = () => useTask('id', (state) => state.status)
    const pair = () => useTask(null, (state) => [state.id, state.logs.length] as const)

    expectTypeOf(status).returns.toEqualTypeOf<TaskStatus | undefined>()
    expectTypeOf(pair).returns.toEqualTypeOf<readonly [string, number] | undefined>()
  })

  it('types the equality function by the selection', () => {
    const check = () =>
      useTask(
        'id',
        (state) => state.progress?.percent ?? 0,
        (a, b) => {
          expectTypeOf(a).toEqualTypeOf<number>()
          return Math.abs(a - b) < 1
        },
      )

    expectTypeOf(check).returns.toEqualTypeOf<number | undefined>()
  })

  it('types the options object by its select, and by the whole state without one', () => {
    const percent = () =>
      useTask('id', { select: (state) => state.progress?.percent ?? null, enabled: false })
    const whole = () => useTask('id', { enabled: true })

    expectTypeOf(percent).returns.toEqualTypeOf<number | null | undefined>()
    expectTypeOf(whole).returns.toEqualTypeOf<TaskState | undefined>()
  })

  it('types run by the input', () => {
    const run = () => useRun<{ prompt: string }>({ app: 'local/text' })

    expectTypeOf(run).returns.toEqualTypeOf<UseRunResult<{ prompt: string }>>()
    type RunArgument = Parameters<UseRunResult<{ prompt: string }>['run']>[0]
    expectTypeOf<{ prompt: string }>().toExtend<RunArgument>()
    expectTypeOf<{ input: { prompt: string }; variant: string }>().toExtend<RunArgument>()
    expectTypeOf<{ prompt: number }>().not.toExtend<RunArgument>()
  })
})
