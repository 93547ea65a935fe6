import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useState } from 'react'
import { ProgressBar } from './progress-bar'

const meta = {
  title: 'Components/ProgressBar',
  component: ProgressBar,
  args: { value: 45, max: 100, label: 'Progress' },
  argTypes: { value: { control: { type: 'range', min: 0, max: 100 } } },
} satisfies Meta<typeof ProgressBar>

export default meta
type Story = StoryObj<typeof meta>

/** A determinate bar; move the value in the controls. */
export const Determinate: Story = {}

/** `value: null`: the work goes on but its amount is unknown. */
export const Indeterminate: Story = { args: { value: null } }

const rows = [
  { caption: 'indeterminate (null)', value: null },
  { caption: 'loading, 0%', value: 0 },
  { caption: 'loading, 45%', value: 45 },
  { caption: 'loading, 9 of 20', value: 9, max: 20 },
  { caption: 'complete', value: 100 },
]

/** Every state side by side. */
export const AllStates: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: '1rem', maxWidth: 420 }}>
      {rows.map((row) => (
        <div key={row.caption} style={{ display: 'grid', gap: '0.25rem' }}>
          <span>{row.caption}</span>
          <ProgressBar value={row.value} max={row.max ?? 100} label={row.caption} />
        </div>
      ))}
    </div>
  ),
}

function Filling() {
  const [value, setValue] = useState(0)

  useEffect(() => {
    const timer = setInterval(() => setValue((now) => (now >= 100 ? 0 : now + 5)), 300)
    return () => clearInterval(timer)
  }, [])

  return <ProgressBar value={value} label="Filling" style={{ maxWidth: 420 }} />
}

/** A bar that fills, completes and starts again. */
export const Live: Story = { render: () => <Filling /> }

/** `AllStates` on the dark theme, so axe checks its colours too. */
export const AllStatesDark: Story = { ...AllStates, globals: { theme: 'dark' } }
