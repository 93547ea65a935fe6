import type { Meta, StoryObj } from '@storybook/react-vite'
import { type StatusEvent, type TaskState, TaskStatus } from '@taskstream/core'
import { expect, waitFor, within } from 'storybook/test'
import { taskState } from '../test/task-state'
import { RecordedRun, recordedTaskId } from './stories/recorded-run'
import { TaskTimeline } from './task-timeline'

/** A task whose status changes came `seconds` apart, the last one `ago` seconds ago. */
function timeline(statuses: (keyof typeof TaskStatus)[], seconds: number[], ago = 0): TaskState {
  const end = Date.now() - ago * 1000
  const total = seconds.reduce((sum, value) => sum + value, 0)
  let at = end - total * 1000
  const events: StatusEvent[] = statuses.map((name, index) => {
    const event = { status: TaskStatus[name], at }
    at += (seconds[index] ?? 0) * 1000
    return event
  })
  const last = statuses.at(-1) ?? 'UNKNOWN'
  return taskState({ status: last.toLowerCase(), events })
}

const states = () => [
  timeline(['RECEIVED', 'QUEUED'], [1, 0], 4),
  timeline(['QUEUED', 'SETTING_UP', 'RUNNING'], [2, 6, 0], 9),
  timeline(['QUEUED', 'SETTING_UP', 'RUNNING', 'UPLOADING', 'COMPLETED'], [3, 5, 31, 2, 0]),
  timeline(['QUEUED', 'RUNNING', 'FAILED'], [1, 12, 0]),
  timeline(['QUEUED', 'SETTING_UP', 'CANCELLED'], [4, 3, 0]),
]

const meta = {
  title: 'Components/TaskTimeline',
  component: TaskTimeline,
  args: {
    task: timeline(['QUEUED', 'SETTING_UP', 'RUNNING', 'UPLOADING', 'COMPLETED'], [3, 5, 31, 2, 0]),
  },
} satisfies Meta<typeof TaskTimeline>

export default meta
type Story = StoryObj<typeof meta>

/** A completed task: each status change with its time, and the time per phase. */
export const Completed: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const items = canvas.getAllByRole('listitem')
    await expect(items.map((item) => item.textContent)).toEqual([
      'Queued+0:00for 0:03',
      'Setting up+0:03for 0:05',
      'Running+0:08for 0:31',
      'Uploading+0:39for 0:02',
      'Completed+0:41',
    ])
  },
}

/** Every state side by side: queued, running, completed, failed and cancelled. */
export const AllStates: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: '1.5rem', maxWidth: 520 }}>
      {states().map((state) => (
        <TaskTimeline key={state.events.length + state.statusName} task={state} />
      ))}
    </div>
  ),
}

/** A recorded `local/image` run replayed through the real store: the timeline fills in live. */
export const LiveRecorded: Story = {
  render: () => (
    <RecordedRun>
      <TaskTimeline taskId={recordedTaskId} style={{ maxWidth: 520 }} />
    </RecordedRun>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByText('Completed')).toBeTruthy(), { timeout: 8000 })
    await expect(canvas.getByText('Uploading')).toBeTruthy()
  },
}

/** `AllStates` on the dark theme, so axe checks its colours too. */
export const AllStatesDark: Story = { ...AllStates, globals: { theme: 'dark' } }
