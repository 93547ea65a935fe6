import { createRandom } from '../random'

/** Samples per second of the rendered audio. */
export const sampleRate = 22_050

/** How long each note lasts, in seconds. */
export const noteSeconds = 0.25

const pentatonic = [0, 2, 4, 7, 9, 12, 14, 16]
const noteNames = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B']

/** Picks `count` MIDI note numbers from a major pentatonic scale whose root the seed picks. */
export function composeMelody(seed: number, count: number): number[] {
  const random = createRandom(seed)
  const root = 55 + Math.floor(random() * 10)
  let degree = Math.floor(random() * pentatonic.length)

  // A small random walk over the scale sounds more like a tune than independent picks.
  const notes: number[] = []
  for (let index = 0; index < count; index++) {
    degree = Math.min(pentatonic.length - 1, Math.max(0, degree + Math.floor(random() * 5) - 2))
    notes.push(root + (pentatonic[degree] ?? 0))
  }
  return notes
}

/** The name of a MIDI note, such as `'A4'`. */
export function noteName(midi: number): string {
  return `${noteNames[midi % 12]}${Math.floor(midi / 12) - 1}`
}

/** Writes one note (a sine with a soft overtone and a pluck envelope) into `samples`. */
export function renderNote(samples: Int16Array, midi: number, start: number, length: number) {
  const frequency = 440 * 2 ** ((midi - 69) / 12)
  for (let i = 0; i < length && start + i < samples.length; i++) {
    const time = i / sampleRate
    const envelope = Math.min(1, i / 200) * Math.exp((-3 * i) / length)
    const wave =
      Math.sin(2 * Math.PI * frequency * time) + 0.3 * Math.sin(4 * Math.PI * frequency * time)
    samples[start + i] = Math.round(wave * envelope * 0.45 * 32767)
  }
}
