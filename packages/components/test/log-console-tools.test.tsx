import { act, fireEvent, render, screen, within } from '@testing-library/react'
import './cleanup'
import './layout'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LogConsole } from '../src/index'

const esc = '\u001b'

function manyLines(count: number) {
  return Array.from({ length: count }, (_, id) => ({ id, text: `line ${id}` }))
}

function rowTexts(): string[] {
  return Array.from(document.querySelectorAll('.ts-log-text'), (row) => row.textContent ?? '')
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('LogConsole tools', () => {
  it('mounts only the rows in view, however long the log', () => {
    render(<LogConsole lines={manyLines(100_000)} />)
    const rows = document.querySelectorAll('.ts-log-line').length

    expect(rows).toBeGreaterThan(0)
    expect(rows).toBeLessThan(200)
  })

  it('numbers lines from the first one kept, counting dropped ones', () => {
    render(<LogConsole lines={[{ id: 7, text: 'a' }]} droppedLines={41} />)
    const number = document.querySelector<HTMLElement>('.ts-log-number')

    expect(number?.dataset.line).toBe('42')
    expect(number?.getAttribute('aria-hidden')).toBe('true')
  })

  it('leaves line numbers out when asked', () => {
    render(<LogConsole lines={[{ id: 0, text: 'a' }]} lineNumbers={false} />)
    expect(document.querySelector('.ts-log-number')).toBeNull()
  })

  it('erases what came before an erase-line code, and drops other controls', () => {
    const lines = [
      { id: 0, text: `downloading 10%${esc}[2Kdone` },
      { id: 1, text: `step${esc}[K 2${esc}[1;1H${esc}[?25l ok` },
    ]
    render(<LogConsole lines={lines} />)
    expect(rowTexts()).toEqual(['done', 'step 2 ok'])
  })

  it('counts matches and moves through them with next and previous', () => {
    const lines = [
      { id: 0, text: 'loading' },
      { id: 1, text: `${esc}[31mERROR${esc}[0m one` },
      { id: 2, text: 'fine' },
      { id: 3, text: 'error two' },
    ]
    render(<LogConsole lines={lines} />)
    const search = screen.getByRole('searchbox', { name: 'Search task log' })

    fireEvent.change(search, { target: { value: 'error' } })
    expect(screen.getByText('1 of 2')).toBeTruthy()
    expect(document.querySelectorAll('mark').length).toBe(2)

    fireEvent.click(screen.getByRole('button', { name: 'Next match' }))
    expect(screen.getByText('2 of 2')).toBeTruthy()
    expect(document.querySelector('[data-current]')?.textContent).toContain('error two')

    fireEvent.click(screen.getByRole('button', { name: 'Next match' }))
    expect(screen.getByText('1 of 2')).toBeTruthy()

    fireEvent.keyDown(search, { key: 'Enter', shiftKey: true })
    expect(screen.getByText('2 of 2')).toBeTruthy()

    fireEvent.change(search, { target: { value: '[31m' } })
    expect(screen.getByText('No matches')).toBeTruthy()
  })

  it('copies all lines as plain text', async () => {
    const writeText = vi.fn(async (_text: string) => undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    render(
      <LogConsole
        lines={[
          { id: 0, text: `${esc}[32mok${esc}[0m` },
          { id: 1, text: 'b' },
        ]}
      />,
    )

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy all' }))
    })

    expect(writeText).toHaveBeenCalledWith('ok\nb')
    expect(document.querySelector('.ts-log-notice')?.textContent).toBe('Copied 2 lines')
  })

  it('downloads the log as a text file and revokes its object URL', async () => {
    vi.useFakeTimers()
    const created: Blob[] = []
    const revoked: string[] = []
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob)
      return 'blob:log'
    }
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url)
    }
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    render(<LogConsole lines={[{ id: 0, text: 'a' }]} filename="run.log" />)

    fireEvent.click(screen.getByRole('button', { name: 'Download' }))
    const link = click.mock.contexts[0] as HTMLAnchorElement
    expect(link.download).toBe('run.log')
    expect(await created[0]?.text()).toBe('a')

    vi.runAllTimers()
    expect(revoked).toEqual(['blob:log'])
    vi.useRealTimers()
  })

  it('cuts very long lines, with a way to show all of it and to copy it', async () => {
    const writeText = vi.fn(async (_text: string) => undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const long = 'x'.repeat(50)
    render(<LogConsole lines={[{ id: 0, text: long }]} maxLineLength={10} />)
    const row = document.querySelector('.ts-log-line') as HTMLElement

    expect(row.textContent).toContain(`${'x'.repeat(10)}… `)
    expect(row.textContent).not.toContain('x'.repeat(11))

    fireEvent.click(within(row).getByRole('button', { name: 'Show all 50 characters' }))
    expect(row.textContent).toContain(long)

    await act(async () => {
      fireEvent.click(within(row).getByRole('button', { name: 'Copy line' }))
    })
    expect(writeText).toHaveBeenCalledWith(long)
  })
})

describe('LogConsole reverse video', () => {
  it('swaps the colours once: default ones by class, a set foreground into the background', () => {
    render(
      <LogConsole lines={[{ id: 0, text: `${esc}[7mrev${esc}[0m ${esc}[31;7mred${esc}[0m` }]} />,
    )

    expect(screen.getByText('rev').className).toBe('ts-ansi-inverse')
    expect(screen.getByText('red').className).toBe('ts-ansi-inverse ts-ansi-bg-red')
  })
})

describe('LogConsole channels', () => {
  const lines = [
    { id: 0, text: 'pulling image', channel: 'setup' },
    { id: 1, text: 'weights ready', channel: 'setup' },
    { id: 2, text: 'step 1', channel: 'run' },
    { id: 3, text: 'step 2', channel: 'run' },
  ]

  it('offers a tab per channel and shows only that channel, numbered as in the whole log', () => {
    render(<LogConsole lines={lines} />)
    const tabs = screen.getAllByRole('tab')
    expect(tabs.map((tab) => tab.textContent)).toEqual(['All', 'setup', 'run'])
    expect(rowTexts()).toHaveLength(4)

    fireEvent.click(screen.getByRole('tab', { name: 'run' }))

    expect(rowTexts()).toEqual(['step 1', 'step 2'])
    expect(
      Array.from(document.querySelectorAll<HTMLElement>('.ts-log-number'), (n) => n.dataset.line),
    ).toEqual(['3', '4'])
    expect(screen.getByRole('tab', { name: 'run' }).getAttribute('aria-selected')).toBe('true')
  })

  it('moves between tabs with the arrow keys', () => {
    render(<LogConsole lines={lines} />)
    fireEvent.keyDown(screen.getByRole('tab', { name: 'All' }), { key: 'ArrowRight' })

    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'setup' }))
    expect(rowTexts()).toEqual(['pulling image', 'weights ready'])
  })

  it('shows no tabs for lines without channels', () => {
    render(<LogConsole lines={[{ id: 0, text: 'plain' }]} />)
    expect(screen.queryByRole('tablist')).toBeNull()
  })
})
