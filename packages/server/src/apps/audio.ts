import { hashString } from '../random'
import type { TaskApp } from '../task-app'
import { encodeWav } from '../wav'
import { composeMelody, noteName, noteSeconds, renderNote, sampleRate } from './melody'

/** `local/audio`: plays a melody drawn from the prompt into a WAV file, reporting progress. */
export const audioApp: TaskApp = {
  id: 'local/audio',
  name: 'Melody',
  description: 'Composes a short pentatonic melody from the prompt and renders it as a WAV file.',
  input: {
    prompt: { type: 'string', description: 'What the melody is about; it picks the notes.' },
    duration: {
      type: 'number',
      description: 'Length in seconds.',
      default: 3,
      minimum: 0.5,
      maximum: 30,
    },
  },

  async run(ctx) {
    const { prompt, duration } = ctx.input as { prompt: string; duration: number }
    const total = Math.round(duration * sampleRate)
    const noteLength = Math.round(noteSeconds * sampleRate)
    const melody = composeMelody(hashString(prompt), Math.ceil(total / noteLength))

    ctx.setStatus('QUEUED')
    await ctx.sleep(300)

    ctx.setStatus('SETTING_UP')
    ctx.log(`Tuning a sine synthesizer at ${sampleRate} Hz`)
    await ctx.sleep(200)

    // This app reports progress itself, so clients show it without parsing the logs.
    ctx.setStatus('RUNNING')
    const samples = new Int16Array(total)
    const pause = Math.min(200, 2400 / melody.length)
    for (const [index, midi] of melody.entries()) {
      renderNote(samples, midi, index * noteLength, noteLength)
      ctx.log(`note ${index + 1}/${melody.length}: ${noteName(midi)}`)
      const percent = Math.round(((index + 1) / melody.length) * 100)
      ctx.setProgress({ percent, current: index + 1, total: melody.length })
      await ctx.sleep(pause)
    }

    ctx.setStatus('UPLOADING')
    const audio = ctx.putFile('melody.wav', encodeWav(samples, sampleRate), 'audio/wav')
    ctx.log(`Uploading ${audio.filename} (${audio.size} bytes)`)
    await ctx.sleep(200)
    ctx.setOutput({ audio })
  },
}
