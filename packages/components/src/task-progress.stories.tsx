import type { Meta, StoryObj } from '@storybook/react-vite'
import { isTerminal, parseStatus, type TaskState } from '@taskstream/core'
import { useRun } from '@taskstream/react'
import { useEffect, useState } from 'react'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { gradientPng, gradientWebm, toneWavUrl } from '../test/story-media'
import { type TaskStateOverrides, taskState } from '../test/task-state'
import { LogConsole } from './log-console'
import { LocalServer, RecordedRun, recordedTaskId } from './stories/recorded-run'
import { TaskProgress } from './task-progress'
import { TaskTimeline } from './task-timeline'

const esc = '\u001b'

/** A task whose clock started `seconds` ago and, when terminal, stopped just now. */
function task(status: string, seconds: number, extra: TaskStateOverrides = {}): TaskState {
  const now = Date.now()
  const state = taskState({ status, ...extra })
  const events = [{ status: parseStatus('running'), at: now - seconds * 1000 }]
  if (isTerminal(state.status)) events.push({ status: state.status, at: now })
  return { ...state, events, updatedAt: now }
}

const tqdmLine = (percent: number) => {
  const bar = '█'.repeat(percent / 10).padEnd(10)
  return `${esc}[36m${String(percent).padStart(3)}%${esc}[0m|${bar}| ${percent / 5}/20`
}

const states = () => [
  task('queued', 3),
  task('setting_up', 8, { logs: [{ id: 0, text: 'Downloading weights (1.2 GB)' }] }),
  task('running', 14, {
    progress: { percent: 45, current: 9, total: 20, eta: 4 },
    logs: [{ id: 0, text: tqdmLine(45) }],
  }),
  task('running', 21, { logs: [{ id: 0, text: 'Sampling without a known step count…' }] }),
  task('failed', 9, {
    error: new Error('CUDA out of memory while allocating 2.1 GiB'),
    logs: [{ id: 0, text: `${esc}[31mRuntimeError${esc}[0m: CUDA out of memory` }],
  }),
  task('cancelled', 6, { logs: [{ id: 0, text: 'Interrupted by the user' }] }),
  task('completed', 12, {
    output: { image: { uri: gradientPng(), content_type: 'image/png', filename: 'fern.png' } },
  }),
  task('completed', 5, {
    output: { audio: { uri: toneWavUrl(1), content_type: 'audio/wav', filename: 'tone.wav' } },
  }),
  task('completed', 7, { output: { text: 'Once there was a fern that grew towards the moon.' } }),
  task('completed', 1, { output: { statuses: ['QUEUED', 'RUNNING', 'COMPLETED'], steps: 3 } }),
  task('completed', 4, { output: { markdown: '**Done.** Three variations, best _first_.' } }),
  task('completed', 9, {
    output: {
      images: [1, 2, 3].map((n) => ({
        uri: gradientPng(96, 60 + n * 8),
        content_type: 'image/png',
      })),
    },
  }),
  task('completed', 2, {
    output: { uri: 'https://files.example.com/model.safetensors', size: 151_000_000 },
  }),
]

const meta = {
  title: 'Components/TaskProgress',
  component: TaskProgress,
  args: { task: task('running', 14, { progress: { percent: 45, current: 9, total: 20, eta: 4 } }) },
} satisfies Meta<typeof TaskProgress>

export default meta
type Story = StoryObj<typeof meta>

/** One running task with known progress. */
export const Running: Story = {}

/**
 * Every state side by side: queued, setting up, running with and without progress, failed,
 * cancelled, and done with image, audio, text, JSON, Markdown, gallery, file and video outputs.
 */
export const AllStates: Story = {
  loaders: [async () => ({ video: await gradientWebm() })],
  render: (_args, { loaded }) => (
    <div
      style={{
        display: 'grid',
        gap: '1rem',
        gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
      }}
    >
      {[...states(), task('completed', 6, { output: { video: loaded.video } })].map(
        (state, index) => (
          <TaskProgress
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of fixtures
            key={index}
            task={state}
            onCancel={() => undefined}
          />
        ),
      )}
    </div>
  ),
}

/** The same states in the one-row `compact` variant. */
export const Compact: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: '0.5rem', maxWidth: 420 }}>
      {states().map((state, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of fixtures
        <TaskProgress key={index} task={state} variant="compact" onCancel={() => undefined} />
      ))}
    </div>
  ),
}

function Replay() {
  const [step, setStep] = useState(0)
  const [startedAt] = useState(() => Date.now())

  useEffect(() => {
    const timer = setInterval(() => setStep((now) => (now >= 26 ? 0 : now + 1)), 400)
    return () => clearInterval(timer)
  }, [])

  const seconds = (Date.now() - startedAt) / 1000
  const percent = Math.min(100, Math.max(0, (step - 3) * 5))
  const state =
    step < 2
      ? task('queued', seconds)
      : step < 3
        ? task('setting_up', seconds)
        : step < 24
          ? task('running', seconds, {
              progress: { percent, current: percent / 5, total: 20, eta: (100 - percent) / 12 },
              logs: [{ id: 0, text: tqdmLine(percent) }],
            })
          : task('completed', seconds, {
              output: { image: { uri: gradientPng(), content_type: 'image/png' } },
            })

  return <TaskProgress task={state} onCancel={() => setStep(0)} style={{ maxWidth: 420 }} />
}

/** A recorded run replayed from plain data: queued, setting up, running, then the image. */
export const Recorded: Story = { render: () => <Replay /> }

/** Cancel works from the keyboard: Tab to it, Enter, and it says so while the request runs. */
export const CancelByKeyboard: Story = {
  args: { onCancel: fn(() => new Promise((resolve) => setTimeout(resolve, 200))) },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.tab()
    await expect(document.activeElement).toBe(canvas.getByRole('button', { name: 'Cancel' }))
    await userEvent.keyboard('{Enter}')
    await expect(args.onCancel).toHaveBeenCalledWith('task_1')
    await expect(await canvas.findByRole('button', { name: 'Cancelling…' })).toBeTruthy()
  },
}

/** A recorded `local/image` run replayed through the real store and hooks, from queue to image. */
export const LiveRecorded: Story = {
  render: () => (
    <RecordedRun>
      <div style={{ display: 'grid', gap: '1rem', maxWidth: 560 }}>
        <TaskProgress taskId={recordedTaskId} />
        <TaskTimeline taskId={recordedTaskId} />
      </div>
    </RecordedRun>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const root = () => canvasElement.querySelector<HTMLElement>('.ts-task-progress')
    await waitFor(() => expect(root()?.dataset.state).toBe('running'), { timeout: 8000 })
    await expect(canvas.getByRole('progressbar').dataset.state).not.toBe('indeterminate')
    await waitFor(() => expect(root()?.dataset.state).toBe('completed'), { timeout: 8000 })
    await expect(canvas.getByRole('img', { name: 'image.png' })).toBeTruthy()
  },
}

function LocalRun() {
  const run = useRun({ app: 'local/image' })

  return (
    <div style={{ display: 'grid', gap: '1rem', maxWidth: 560 }}>
      <button
        type="button"
        onClick={() => run.run({ prompt: 'a fern at dawn', steps: 20, width: 128, height: 80 })}
      >
        Run local/image
      </button>
      {run.taskId && (
        <>
          <TaskProgress taskId={run.taskId} />
          <LogConsole taskId={run.taskId} />
        </>
      )}
    </div>
  )
}

/**
 * Live from the local task server (`pnpm demo` starts one; `?server=` picks another URL; the
 * test run starts its own): Run starts `local/image` and the components follow it.
 */
export const LocalServerRun: Story = {
  render: () => (
    <LocalServer>
      <LocalRun />
    </LocalServer>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Run local/image' }))
    const root = () => canvasElement.querySelector<HTMLElement>('.ts-task-progress')
    await waitFor(() => expect(root()?.dataset.state).toBe('completed'), { timeout: 15_000 })
    await expect(canvas.getByRole('log').textContent).toContain('Uploading')
    await expect(canvas.getByRole('img')).toBeTruthy()
  },
}

/** `AllStates` on the dark theme, so axe checks its colours too. */
export const AllStatesDark: Story = { ...AllStates, globals: { theme: 'dark' } }
