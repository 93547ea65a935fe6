import { createRandom } from '../random'

/** The look of one fractal, drawn from a seed. */
export interface JuliaParams {
  /** The Julia constant, real and imaginary parts. */
  cr: number
  ci: number
  /** Phases of the cosine colour palette, one per channel. */
  phase: [number, number, number]
  zoom: number
  maxIterations: number
}

/** Draws a fractal's parameters from a seed: the same seed, the same picture. */
export function juliaParams(seed: number): JuliaParams {
  const random = createRandom(seed)
  const angle = random() * Math.PI * 2
  const radius = 0.7 + random() * 0.1
  return {
    cr: radius * Math.cos(angle),
    ci: radius * Math.sin(angle),
    phase: [random(), random(), random()],
    zoom: 1.2 + random() * 0.6,
    maxIterations: 96,
  }
}

/** Renders rows `[from, to)` of the fractal into an RGBA buffer of the whole image. */
export function renderJuliaRows(
  params: JuliaParams,
  width: number,
  height: number,
  rgba: Uint8Array,
  from: number,
  to: number,
): void {
  const scale = 3 / (params.zoom * Math.min(width, height))
  for (let y = from; y < to; y++) {
    for (let x = 0; x < width; x++) {
      const t = escapeTime(params, (x - width / 2) * scale, (y - height / 2) * scale)
      const offset = (y * width + x) * 4
      for (let channel = 0; channel < 3; channel++) {
        const phase = params.phase[channel] ?? 0
        const light = t === 1 ? 0 : 0.5 + 0.5 * Math.cos(2 * Math.PI * (t * 2 + phase))
        rgba[offset + channel] = Math.round(light * 255)
      }
      rgba[offset + 3] = 255
    }
  }
}

// A smooth escape time in [0, 1]; 1 means the point never escaped.
function escapeTime(params: JuliaParams, x0: number, y0: number): number {
  let x = x0
  let y = y0
  for (let i = 0; i < params.maxIterations; i++) {
    const x2 = x * x
    const y2 = y * y
    if (x2 + y2 > 16) {
      const smooth = i + 1 - Math.log2(Math.log2(x2 + y2) / 2)
      return Math.min(0.999, Math.max(0, smooth / params.maxIterations))
    }
    y = 2 * x * y + params.ci
    x = x2 - y2 + params.cr
  }
  return 1
}
