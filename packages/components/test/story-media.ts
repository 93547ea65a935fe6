/**
 * Media for stories, made in the browser so Storybook needs no network or binary files:
 * a PNG drawn on a canvas, and a WAV tone behind a `blob:` URL.
 */

/** A PNG `data:` URL of a soft gradient, `width` × `height` pixels. */
export function gradientPng(width = 320, height = 200): string {
  if (typeof document === 'undefined') return ''
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height

  const context = canvas.getContext('2d')
  if (!context) return ''
  const gradient = context.createLinearGradient(0, 0, width, height)
  gradient.addColorStop(0, '#f97316')
  gradient.addColorStop(0.5, '#db2777')
  gradient.addColorStop(1, '#4f46e5')
  context.fillStyle = gradient
  context.fillRect(0, 0, width, height)
  return canvas.toDataURL('image/png')
}

/** A `blob:` URL of a mono 16-bit WAV: a sine `frequency` Hz tone, `seconds` long. */
export function toneWavUrl(seconds = 1, frequency = 440): string {
  if (typeof URL.createObjectURL !== 'function') return ''
  const rate = 8000
  const samples = Math.round(rate * seconds)
  const view = new DataView(new ArrayBuffer(44 + samples * 2))
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i))
  }

  // RIFF header, then one PCM format chunk and the data chunk.
  ascii(0, 'RIFF')
  view.setUint32(4, 36 + samples * 2, true)
  ascii(8, 'WAVEfmt ')
  view.setUint32(16, 16, true)
  view.setUint16(20, 1, true)
  view.setUint16(22, 1, true)
  view.setUint32(24, rate, true)
  view.setUint32(28, rate * 2, true)
  view.setUint16(32, 2, true)
  view.setUint16(34, 16, true)
  ascii(36, 'data')
  view.setUint32(40, samples * 2, true)

  for (let i = 0; i < samples; i++) {
    const fade = Math.min(1, i / 400, (samples - i) / 400)
    const value = Math.sin((2 * Math.PI * frequency * i) / rate) * 0.3 * fade
    view.setInt16(44 + i * 2, Math.round(value * 32767), true)
  }
  return URL.createObjectURL(new Blob([view.buffer], { type: 'audio/wav' }))
}

/**
 * A WebM video of a moving gradient, recorded from a canvas in the browser: a `Blob`, so the
 * viewer shows it through an object URL. Null where the browser cannot record.
 */
export async function gradientWebm(seconds = 1): Promise<Blob | null> {
  if (typeof MediaRecorder === 'undefined') return null
  const canvas = document.createElement('canvas')
  canvas.width = 160
  canvas.height = 90
  const context = canvas.getContext('2d')
  if (!context) return null

  const recorder = new MediaRecorder(canvas.captureStream(15), { mimeType: 'video/webm' })
  const chunks: Blob[] = []
  recorder.ondataavailable = (event) => chunks.push(event.data)
  const stopped = new Promise((resolve) => {
    recorder.onstop = resolve
  })

  recorder.start()
  const started = performance.now()
  await new Promise<void>((resolve) => {
    const draw = (now: number) => {
      const shift = ((now - started) / (seconds * 1000)) * canvas.width
      const gradient = context.createLinearGradient(shift, 0, shift + canvas.width, canvas.height)
      gradient.addColorStop(0, '#4f46e5')
      gradient.addColorStop(1, '#f97316')
      context.fillStyle = gradient
      context.fillRect(0, 0, canvas.width, canvas.height)
      if (now - started < seconds * 1000) requestAnimationFrame(draw)
      else resolve()
    }
    requestAnimationFrame(draw)
  })
  recorder.stop()
  await stopped
  return new File(chunks, 'gradient.webm', { type: 'video/webm' })
}
