import { act, fireEvent, render, screen } from '@testing-library/react'
import { createRef } from 'react'
import './cleanup'
import './layout'
import { describe, expect, it } from 'vitest'
import { LogConsole } from '../src/index'

const esc = '\u001b'

/** jsdom lays nothing out: give the log a size so scrolling means something. */
function sizeLog(log: HTMLElement, scrollHeight: number, clientHeight = 100) {
  Object.defineProperty(log, 'scrollHeight', { configurable: true, value: scrollHeight })
  Object.defineProperty(log, 'clientHeight', { configurable: true, value: clientHeight })
}

/** The follow state, which the root (around the toolbar and the log) carries. */
function stateOf(log: HTMLElement): string | undefined {
  return log.closest<HTMLElement>('.ts-log')?.dataset.state
}

function rowTexts(): string[] {
  return Array.from(document.querySelectorAll('.ts-log-line'), (row) => row.textContent ?? '')
}

describe('LogConsole', () => {
  it('renders one row per line as a log region that does not announce every line', () => {
    render(
      <LogConsole
        lines={[
          { id: 0, text: 'loading model' },
          { id: 1, text: 'step 1' },
        ]}
      />,
    )
    const log = screen.getByRole('log', { name: 'Task log' })

    expect(log.getAttribute('aria-live')).toBe('off')
    expect(rowTexts()).toEqual(['loading model', 'step 1'])
  })

  it('splits raw text into lines, with \\r rewriting the current line', () => {
    render(<LogConsole text={'start\r\n 10%|#  |\r 50%|### |\r100%|####|\ndone\rDONE'} />)
    expect(rowTexts()).toEqual(['start', '100%|####|', 'DONE'])
  })

  it('keeps a line ending in \\r on screen until new text rewrites it', () => {
    const { rerender } = render(<LogConsole text={'fetch\n 30%\r'} />)
    expect(rowTexts()).toEqual(['fetch', ' 30%'])

    rerender(<LogConsole text={'fetch\n 30%\r 60%\r'} />)
    expect(rowTexts()).toEqual(['fetch', ' 60%'])
  })

  it('colours ANSI SGR codes without ever showing an escape code', () => {
    const palette = `${esc}[38;5;208mpalette${esc}[0m`
    const text = `${esc}[31merror${esc}[0m plain ${esc}[1;92mok${esc}[0m ${palette}`
    render(<LogConsole lines={[{ id: 0, text }]} />)
    const row = document.querySelector('.ts-log-line') as HTMLElement

    expect(row.textContent).toBe('error plain ok palette')
    expect(row.textContent).not.toContain(esc)
    expect(screen.getByText('error').className).toBe('ts-ansi-fg-red')
    expect(screen.getByText('ok').className).toBe('ts-ansi-fg-bright-green ts-ansi-bold')
    expect(screen.getByText('palette').style.color).toBe('rgb(255, 135, 0)')
  })

  it('strips escape sequences anser leaves behind, such as OSC hyperlinks', () => {
    const text = `see ${esc}]8;;https://example.com${esc}\\docs${esc}]8;;${esc}\\ now\u0007`
    render(<LogConsole lines={[{ id: 0, text }]} />)
    expect(rowTexts()).toEqual(['see docs now'])
  })

  it('renders markup in log text as text, never as HTML', () => {
    render(<LogConsole text={'<img src=x onerror=alert(1)><b>bold</b>'} />)

    expect(document.querySelector('.ts-log img, .ts-log b')).toBeNull()
    expect(rowTexts()).toEqual(['<img src=x onerror=alert(1)><b>bold</b>'])
  })

  it('shows how many earlier lines were dropped', () => {
    const { rerender } = render(<LogConsole lines={[{ id: 5, text: 'late' }]} droppedLines={5} />)
    expect(screen.getByText('5 earlier lines dropped')).toBeTruthy()

    rerender(<LogConsole lines={[{ id: 5, text: 'late' }]} />)
    expect(screen.queryByText(/earlier line/)).toBeNull()
  })

  it('follows the tail as lines arrive', () => {
    const { rerender } = render(<LogConsole text={'one\n'} />)
    const log = screen.getByRole('log')
    sizeLog(log, 400)

    rerender(<LogConsole text={'one\ntwo\n'} />)

    expect(log.scrollTop).toBe(400)
    expect(stateOf(log)).toBe('following')
  })

  it('stops following when the user scrolls up and offers to jump to the latest line', () => {
    const { rerender } = render(<LogConsole text={'one\n'} />)
    const log = screen.getByRole('log')
    sizeLog(log, 400)

    log.scrollTop = 120
    fireEvent.scroll(log)
    sizeLog(log, 500)
    rerender(<LogConsole text={'one\ntwo\n'} />)

    expect(log.scrollTop).toBe(120)
    expect(stateOf(log)).toBe('paused')

    fireEvent.click(screen.getByRole('button', { name: 'Jump to latest' }))

    expect(log.scrollTop).toBe(500)
    expect(stateOf(log)).toBe('following')
    expect(document.activeElement).toBe(log)
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull()
  })

  it('follows again when the user scrolls back to the bottom', () => {
    render(<LogConsole text={'one\ntwo\n'} />)
    const log = screen.getByRole('log')
    sizeLog(log, 400)

    log.scrollTop = 0
    fireEvent.scroll(log)
    expect(stateOf(log)).toBe('paused')

    act(() => {
      log.scrollTop = 300
      fireEvent.scroll(log)
    })
    expect(stateOf(log)).toBe('following')
  })

  it('forwards its ref, className and other props to its root', () => {
    const ref = createRef<HTMLDivElement>()
    let scrolls = 0
    render(
      <LogConsole ref={ref} text="x" className="mine" title="build" onScroll={() => scrolls++} />,
    )
    const root = screen.getByRole('log').closest('.ts-log') as HTMLElement
    fireEvent.scroll(root)

    expect(ref.current).toBe(root)
    expect(ref.current?.className).toBe('ts-log mine')
    expect(ref.current?.title).toBe('build')
    expect(scrolls).toBe(1)
  })
})
