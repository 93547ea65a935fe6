import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useState } from 'react'
import { LogConsole } from './log-console'

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
