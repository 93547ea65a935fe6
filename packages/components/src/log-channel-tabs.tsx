import type { KeyboardEvent } from 'react'

/** Props of the channel tabs above `LogConsole`'s lines. */
export interface LogChannelTabsProps {
  /** The channels the lines carry, in order of first appearance. */
  channels: readonly string[]
  /** The channel shown, or null for all of them. */
  selected: string | null
  onSelect: (channel: string | null) => void
  /** The id of the element the tabs control (the log). */
  controls: string
}

/** Tabs per log channel (setup, run, …) plus "All"; arrow keys move between them. */
export function LogChannelTabs({ channels, selected, onSelect, controls }: LogChannelTabsProps) {
  const tabs: (string | null)[] = [null, ...channels]

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (step === 0) return
    event.preventDefault()
    const index = tabs.indexOf(selected)
    const next = tabs[(index + step + tabs.length) % tabs.length] ?? null
    onSelect(next)
    const buttons = event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="tab"]')
    buttons[tabs.indexOf(next)]?.focus()
  }

  return (
    <div className="ts-log-tabs" role="tablist" aria-label="Log channels" onKeyDown={onKeyDown}>
      {tabs.map((channel) => {
        const active = channel === selected
        return (
          <button
            key={channel ?? ''}
            type="button"
            role="tab"
            className="ts-log-tab"
            aria-selected={active}
            aria-controls={controls}
            tabIndex={active ? 0 : -1}
            onClick={() => onSelect(channel)}
          >
            {channel ?? 'All'}
          </button>
        )
      })}
    </div>
  )
}
