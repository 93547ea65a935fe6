import type { Meta, StoryObj } from '@storybook/react-vite'
import { TaskStatus } from '@taskstream/core'
import { StatusBadge } from './status-badge'

const meta = {
  title: 'Components/StatusBadge',
  component: StatusBadge,
  args: { status: TaskStatus.RUNNING },
  argTypes: {
    status: { control: 'select', options: Object.values(TaskStatus) },
  },
} satisfies Meta<typeof StatusBadge>

export default meta
type Story = StoryObj<typeof meta>

/** One status; pick another in the controls. */
export const Single: Story = {}

/** Every status of the table side by side, coloured by phase. */
export const AllStatuses: Story = {
  render: () => (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
      {Object.values(TaskStatus).map((status) => (
        <StatusBadge key={status} status={status} />
      ))}
    </div>
  ),
}

/** `AllStatuses` on the dark theme, so axe checks its colours too. */
export const AllStatusesDark: Story = { ...AllStatuses, globals: { theme: 'dark' } }
