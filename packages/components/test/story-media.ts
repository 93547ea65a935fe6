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
