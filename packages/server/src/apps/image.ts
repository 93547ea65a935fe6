import { encodePng } from '../png'
import { hashString } from '../random'
import type { TaskApp } from '../task-app'
import { formatTqdm } from '../tqdm'
import { juliaParams, renderJuliaRows } from './julia'

const stepMs = 120

/** `local/image`: renders a PNG fractal drawn from the prompt, with tqdm-style progress logs. */
export const imageApp: TaskApp = {
  id: 'local/image',
  name: 'Fractal image',
  description: 'Renders a PNG fractal whose shape and colours come from the prompt.',
  input: {
    prompt: { type: 'string', description: 'What to draw; it seeds the fractal.' },
    width: {
      type: 'integer',
      description: 'Width in pixels.',
      default: 512,
      minimum: 8,
      maximum: 2048,
    },
    height: {
      type: 'integer',
      description: 'Height in pixels.',
      default: 512,
      minimum: 8,
      maximum: 2048,
    },
    steps: {
      type: 'integer',
      description: 'Render steps (one progress update each).',
      default: 20,
      minimum: 1,
      maximum: 200,
    },
  },

  async run(ctx) {
    const { prompt, width, height, steps } = ctx.input as {
      prompt: string
      width: number
      height: number
      steps: number
    }
    const seed = hashString(prompt)
    const params = juliaParams(seed)

    ctx.setStatus('QUEUED')
    await ctx.sleep(400)

    ctx.setStatus('SETTING_UP')
    ctx.log(`Loading the fractal pipeline (${params.maxIterations} iterations)`)
    await ctx.sleep(300)
    ctx.log(`Seed ${seed} from the prompt, ${width}x${height}, ${steps} steps`)
    await ctx.sleep(200)

    // Render a band of rows per step; tqdm times follow the nominal schedule, so logs repeat.
    ctx.setStatus('RUNNING')
    const rgba = new Uint8Array(width * height * 4)
    ctx.write(`\r${formatTqdm(0, steps, 0)}`)
    for (let step = 1; step <= steps; step++) {
      const from = Math.floor(((step - 1) * height) / steps)
      renderJuliaRows(params, width, height, rgba, from, Math.floor((step * height) / steps))
      await ctx.sleep(stepMs)
      ctx.write(`\r${formatTqdm(step, steps, (step * stepMs) / 1000)}`)
    }
    ctx.write('\n')

    ctx.setStatus('UPLOADING')
    const image = ctx.putFile('image.png', encodePng(width, height, rgba), 'image/png')
    ctx.log(`Uploading ${image.filename} (${image.size} bytes)`)
    await ctx.sleep(300)
    ctx.setOutput({ image })
  },
}
