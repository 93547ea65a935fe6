import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { LogConsole } from './log-console'
import { RecordedRun, recordedTaskId } from './stories/recorded-run'

const esc = '\u001b'

const colourful = [
  `${esc}[1mtaskstream${esc}[0m worker 0.1.0`,
  `${esc}[32m✔${esc}[0m model loaded in ${esc}[36m1.8s${esc}[0m`,
  `${esc}[33mwarning${esc}[0m: fp16 not supported, using fp32`,
  `${esc}[31;1merror${esc}[0m: retrying chunk 3 ${esc}[2m(1/3)${esc}[0m`,
  `${esc}[38;5;124m256-colour red${esc}[0m and ${esc}[38;2;0;110;60mtrue-colour green${esc}[0m`,
  `${esc}[7m reverse video ${esc}[0m ${esc}[4munderlined${esc}[0m ${esc}[9mstruck${esc}[0m`,
].map((text, id) => ({ id, text }))

const tqdm = [
  'Loading pipeline',
  ...[0, 25, 50, 75, 100].map((percent) => {
    const bar = '█'.repeat(percent / 10).padEnd(10, ' ')
    return `\r${String(percent).padStart(3)}%|${bar}| ${percent / 5}/20 [00:0${percent / 25}<00:04]`
  }),
  '\nSaved image.png\n',
].join('')

const meta = {
  title: 'Components/LogConsole',
  component: LogConsole,
} satisfies Meta<typeof LogConsole>

export default meta
type Story = StoryObj<typeof meta>

/** Lines with ANSI colours and decorations, as the store keeps them. */
export const AnsiColours: Story = { args: { lines: colourful } }

/** Raw terminal text: every `\r` rewrote the tqdm line, so only its last state shows. */
export const CarriageReturns: Story = { args: { text: tqdm } }

/** A log over the store's cap, with the marker for lines dropped at the top. */
export const DroppedLines: Story = {
  args: {
    lines: Array.from({ length: 30 }, (_, index) => ({
      id: 970 + index,
      text: `line ${970 + index}`,
    })),
    droppedLines: 970,
  },
}

/** No lines yet. */
export const Empty: Story = { args: { lines: [] } }

const training = Array.from({ length: 2000 }, (_, id) => ({
  id,
  text:
    id % 250 === 249
      ? `${esc}[31;1mERROR${esc}[0m step ${id}: loss is NaN, skipping batch`
      : `${esc}[32mINFO${esc}[0m step ${id} loss=${(2 / Math.log(id + 3)).toFixed(4)}`,
}))

/** Two thousand lines on a virtual list; search finds every error, Enter goes to the next. */
export const Search: Story = {
  args: { lines: training },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const search = canvas.getByRole('searchbox', { name: 'Search task log' })

    await userEvent.type(search, 'error')
    await expect(canvas.getByText('1 of 8')).toBeTruthy()
    await userEvent.keyboard('{Enter}')
    await expect(canvas.getByText('2 of 8')).toBeTruthy()
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-current]')?.textContent).toContain('step 499'),
    )
    await expect(canvasElement.querySelectorAll('.ts-log-line').length).toBeLessThan(100)
  },
}

/** A line far past the display cut: shown in part, with Show all and Copy line. */
export const LongLine: Story = {
  args: {
    lines: [
      { id: 0, text: 'a normal line' },
      { id: 1, text: `payload=${'0123456789abcdef'.repeat(400)}` },
      { id: 2, text: 'another line' },
    ],
    maxLineLength: 200,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Show all 6,408 characters' }))
    await expect(canvas.getByRole('button', { name: 'Show less' })).toBeTruthy()
    await expect(canvasElement.querySelector('[data-expanded]')?.textContent).toContain(
      '0123456789abcdef'.repeat(400),
    )
  },
}

/** Scrolling up stops following; "Jump to latest" (by keyboard too) goes back to the tail. */
export const FollowAndJump: Story = {
  args: { lines: training.slice(0, 400) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const log = canvas.getByRole('log')
    const root = log.closest('.ts-log') as HTMLElement
    await waitFor(() => expect(root.dataset.state).toBe('following'))

    log.scrollTop = 0
    log.dispatchEvent(new Event('scroll'))
    const jump = await canvas.findByRole('button', { name: 'Jump to latest' })
    await expect(root.dataset.state).toBe('paused')

    jump.focus()
    await userEvent.keyboard('{Enter}')
    await waitFor(() => expect(root.dataset.state).toBe('following'))
    await expect(document.activeElement).toBe(log)
  },
}

/** Markup, OSC 8 hyperlinks and cursor codes in log lines stay text: no link, no element. */
export const HostileLines: Story = {
  args: {
    lines: [
      { id: 0, text: '<img src=x onerror="window.__taskstreamXss=1"><script>alert(1)</script>' },
      {
        id: 1,
        text: `${esc}]8;;javascript:window.__taskstreamXss=1${esc}\\click me${esc}]8;;${esc}\\`,
      },
      {
        id: 2,
        text: `${esc}]8;;https://example.com${esc}\\a real link${esc}]8;;${esc}\\ stays text`,
      },
      { id: 3, text: `${esc}[2J${esc}[H${esc}]0;new title${esc}\\cleared? no${esc}[?25l` },
    ],
  },
  play: async ({ canvasElement }) => {
    const log = within(canvasElement).getByRole('log')
    await expect(log.querySelector('a, img, script, [href], [src]')).toBeNull()
    await expect(log.textContent).not.toContain(esc)
    await expect(log.textContent).toContain('click me')
    await expect((window as { __taskstreamXss?: number }).__taskstreamXss).toBeUndefined()
  },
}

/** Every state side by side: empty, colours, rewrites, dropped lines, a cut line, hostile text. */
export const AllStates: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: '1rem', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))' }}>
      <LogConsole lines={[]} label="Empty log" />
      <LogConsole lines={colourful} label="Colours" />
      <LogConsole text={tqdm} label="Rewrites" />
      <LogConsole
        lines={[{ id: 970, text: 'line 970' }]}
        droppedLines={970}
        label="Dropped lines"
      />
      <LogConsole
        lines={[{ id: 0, text: 'x'.repeat(3000) }]}
        maxLineLength={120}
        label="Long line"
      />
      <LogConsole lines={training.slice(0, 50)} lineNumbers={false} toolbar={false} label="Bare" />
    </div>
  ),
}

/** Lines tagged with channels get a tab each; arrow keys move between the tabs. */
export const Channels: Story = {
  args: {
    lines: [
      { id: 0, text: 'pulling image ghcr.io/local/image:1.2', channel: 'setup' },
      { id: 1, text: `${esc}[32m✔${esc}[0m weights ready`, channel: 'setup' },
      { id: 2, text: 'step 1/3', channel: 'run' },
      { id: 3, text: 'step 2/3', channel: 'run' },
      { id: 4, text: 'step 3/3', channel: 'run' },
    ],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('tab', { name: 'All' }))
    await userEvent.keyboard('{ArrowRight}{ArrowRight}')
    await expect(canvas.getByRole('tab', { name: 'run' }).getAttribute('aria-selected')).toBe(
      'true',
    )
    await expect(canvasElement.querySelectorAll('.ts-log-line').length).toBe(3)
  },
}

/** A recorded `local/image` run replayed through the real store: the log fills in live. */
export const LiveRecorded: Story = {
  render: () => (
    <RecordedRun>
      <LogConsole taskId={recordedTaskId} style={{ maxWidth: 640 }} />
    </RecordedRun>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByText(/Uploading image\.png/)).toBeTruthy(), {
      timeout: 8000,
    })
  },
}

function Streaming() {
  const [text, setText] = useState('')

  useEffect(() => {
    let step = 0
    const timer = setInterval(() => {
      step += 1
      const percent = step % 21
      const tick =
        percent === 0 ? `\nepoch ${step / 21} done\n` : `\r${percent * 5}% step ${percent}/20`
      setText((log) => log + tick)
    }, 250)
    return () => clearInterval(timer)
  }, [])

  return <LogConsole text={text} style={{ maxWidth: 560 }} />
}

/** A log that keeps growing: it follows the tail until you scroll up. */
export const Live: Story = { render: () => <Streaming /> }

/**
 * `AllStates` on the dark theme, so axe checks its colours too. The 256-colour and
 * true-colour line keeps the colours its program chose (picked for the light theme), so only
 * those inline-coloured runs are left out of the check.
 */
export const AllStatesDark: Story = {
  ...AllStates,
  globals: { theme: 'dark' },
  parameters: { a11y: { context: { exclude: ['.ts-log-text span[style]'] } } },
}
