import type { TaskApp } from '../task-app'

/** `local/fail`: logs a few lines, some in colour, then fails with a clear error. */
export const failApp: TaskApp = {
  id: 'local/fail',
  name: 'Always fails',
  description: 'Logs a warning and an error in ANSI colours, then fails, to show error handling.',
  input: {
    prompt: { type: 'string', description: 'Echoed in the logs and the error.', default: 'fail' },
  },

  async run(ctx) {
    const { prompt } = ctx.input as { prompt: string }

    ctx.setStatus('QUEUED')
    await ctx.sleep(300)

    ctx.setStatus('SETTING_UP')
    ctx.log('Loading weights for local/fail')
    await ctx.sleep(300)

    ctx.setStatus('RUNNING')
    ctx.log(`Sampling for ${JSON.stringify(prompt)}`)
    await ctx.sleep(300)
    ctx.log('\x1b[33mwarning\x1b[0m: memory is low, falling back to a smaller batch')
    await ctx.sleep(300)
    ctx.log('\x1b[1;31merror\x1b[0m: out of memory at step 3 of 20')
    await ctx.sleep(200)

    throw new Error(`local/fail ran out of memory at step 3 (it always fails on purpose)`)
  },
}
