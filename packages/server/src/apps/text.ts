import { hashString } from '../random'
import type { TaskApp } from '../task-app'
import { generateTokens } from './markov'

/** `local/text`: writes text from the prompt token by token, one output update per token. */
export const textApp: TaskApp = {
  id: 'local/text',
  name: 'Text generator',
  description: 'Writes a short story word by word from a seeded chain; the prompt picks the path.',
  input: {
    prompt: { type: 'string', description: 'Where the story starts; it seeds the generator.' },
    max_tokens: {
      type: 'integer',
      description: 'How many words to write.',
      default: 60,
      minimum: 1,
      maximum: 2000,
    },
  },

  async run(ctx) {
    const { prompt, max_tokens: maxTokens } = ctx.input as { prompt: string; max_tokens: number }

    ctx.setStatus('QUEUED')
    await ctx.sleep(300)

    ctx.setStatus('RUNNING')
    ctx.log(`Generating ${maxTokens} tokens`)
    let text = ''
    for (const token of generateTokens(prompt, hashString(prompt), maxTokens)) {
      await ctx.sleep(45)
      text += token
      ctx.setOutput({ text })
    }
    ctx.log(`Generated ${maxTokens} tokens, ${text.length} characters`)
  },
}
