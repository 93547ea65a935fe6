import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { render, screen, waitFor } from '@testing-library/react'
import './cleanup'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ResultViewer } from '../src/index'

const notes = [
  '# Run notes',
  '',
  'Loss went **down**.',
  '',
  '<script>window.__ranScript = 1</script>',
  '',
  '<b onclick="window.__ranScript = 1">bold by HTML</b>',
].join('\n')

const log = 'step 1 <b>fine</b>\nstep 2 done\n'

// One byte per character, so the cut falls on a known count.
const big = 'abcdefghij'.repeat(30_000)

const requests: string[] = []
const closed = new Map<string, () => void>()

function answer(request: IncomingMessage, response: ServerResponse) {
  const path = request.url ?? '/'
  requests.push(path)
  response.setHeader('Access-Control-Allow-Origin', '*')

  const send = (type: string, body: string) => {
    response.writeHead(200, { 'Content-Type': type })
    response.end(body)
  }

  if (path === '/notes.md') return send('text/markdown; charset=utf-8', notes)
  if (path === '/run.log') return send('text/plain; charset=utf-8', log)
  if (path === '/big.txt') return send('text/plain', big)
  if (path === '/page.txt') return send('text/html', '<h1>Sign in</h1>')
  if (path.startsWith('/held/')) {
    // Sends a first chunk, then waits: only the client closing the request ends it.
    response.writeHead(200, { 'Content-Type': 'text/plain' })
    response.write('first chunk\n')
    response.on('close', () => closed.get(path)?.())
    return
  }

  response.writeHead(404, { 'Content-Type': 'text/plain' })
  response.end('not found')
}

const server = createServer(answer)
let origin = ''

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

afterEach(() => {
  requests.length = 0
  vi.restoreAllMocks()
})

function viewerDocument(): HTMLElement {
  const element = document.querySelector<HTMLElement>('.ts-result-document')
  if (!element) throw new Error('no text file preview on screen')
  return element
}

/** A promise settled when the server sees the client close `path`. */
function closing(path: string): Promise<void> {
  return new Promise((resolve) => closed.set(path, resolve))
}

describe('ResultViewer with Markdown and text files', () => {
  it('fetches a Markdown file and renders it, with raw HTML left out', async () => {
    const uri = `${origin}/notes.md`
    render(<ResultViewer output={{ uri, content_type: 'text/markdown', filename: 'notes.md' }} />)

    expect(await screen.findByRole('heading', { name: 'Run notes' })).toBeTruthy()
    expect(screen.getByText('down').tagName).toBe('STRONG')
    expect(viewerDocument().querySelector('script, b, [onclick]')).toBeNull()
    expect(viewerDocument().textContent).not.toContain('__ranScript')
    expect(screen.getByRole('link', { name: 'notes.md' }).getAttribute('href')).toBe(uri)
    expect(requests).toEqual(['/notes.md'])
  })

  it('shows a .log file as plain text, markup and all, as text nodes', async () => {
    render(<ResultViewer output={{ uri: `${origin}/run.log` }} />)

    await waitFor(() => expect(viewerDocument().dataset.state).toBe('ready'))
    const block = screen.getByRole('region', { name: 'run.log' })
    expect(block.textContent).toBe(log)
    expect(block.querySelectorAll('b').length).toBe(0)
    expect(block.querySelector('pre')?.children.length).toBe(0)
    expect(screen.getByRole('link', { name: 'run.log' })).toBeTruthy()
  })

  it('reads only the first 256 kB of a long file and says so next to the link', async () => {
    render(<ResultViewer output={{ uri: `${origin}/big.txt`, size: big.length }} />)

    expect(await screen.findByText(/^Showing the first 256 KB/)).toBeTruthy()
    const shown = viewerDocument().querySelector('pre')?.textContent ?? ''
    expect(shown.length).toBe(256_000)
    expect(big.startsWith(shown)).toBe(true)
    expect(screen.getByRole('link', { name: 'big.txt (300 KB)' })).toBeTruthy()
  })

  it('falls back to the download link with a short message on a 404', async () => {
    const uri = `${origin}/gone.md`
    render(<ResultViewer output={{ uri, content_type: 'text/markdown' }} />)

    await waitFor(() => expect(viewerDocument().dataset.state).toBe('failed'))
    expect(viewerDocument().dataset.reason).toBe('status')
    expect(viewerDocument().textContent).toContain('could not be shown (HTTP 404)')
    expect(viewerDocument().textContent).not.toContain('not found')
    expect(screen.getByRole('link', { name: 'gone.md' }).getAttribute('href')).toBe(uri)
  })

  it('falls back to the link when the server answers with HTML', async () => {
    render(<ResultViewer output={{ uri: `${origin}/page.txt` }} />)

    await waitFor(() => expect(viewerDocument().dataset.state).toBe('failed'))
    expect(viewerDocument().dataset.reason).toBe('type')
    expect(screen.queryByRole('heading')).toBeNull()
    expect(screen.getByRole('link', { name: 'page.txt' })).toBeTruthy()
  })

  it('falls back to the link when nothing answers', async () => {
    const refused = new URL(origin)
    refused.port = '1'
    render(<ResultViewer output={{ uri: `${refused.origin}/notes.md` }} />)

    await waitFor(() => expect(viewerDocument().dataset.state).toBe('failed'))
    expect(viewerDocument().dataset.reason).toBe('network')
    expect(screen.getByRole('link', { name: 'notes.md' })).toBeTruthy()
  })

  it.each([
    'javascript:fetch("/notes.md")',
    ' JaVa\tScript:fetch("/notes.md")',
    'data:text/markdown,# hi',
  ])('never fetches the unsafe URL %j', (uri) => {
    const seen = vi.spyOn(globalThis, 'fetch')
    render(<ResultViewer output={{ uri, content_type: 'text/markdown' }} />)

    expect(document.querySelector('.ts-result-unsafe')?.textContent).toBe(uri)
    expect(document.querySelector('.ts-result-document, [href]')).toBeNull()
    expect(seen).not.toHaveBeenCalled()
  })

  it('never fetches a relative URL that leaves the page origin', async () => {
    const uri = `//${new URL(origin).host}/notes.md`
    render(<ResultViewer output={{ uri, filename: 'notes.md' }} />)

    expect(document.querySelector('.ts-result-unsafe')?.textContent).toBe(uri)
    // A Markdown file next to it proves the server was reachable in the meantime.
    render(<ResultViewer output={{ uri: `${origin}/run.log` }} />)
    await waitFor(() => expect(viewerDocument().dataset.state).toBe('ready'))
    expect(requests).toEqual(['/run.log'])
  })

  it('aborts the fetch when it goes away', async () => {
    const gone = closing('/held/a.txt')
    const { unmount } = render(<ResultViewer output={{ uri: `${origin}/held/a.txt` }} />)

    await waitFor(() => expect(requests).toContain('/held/a.txt'))
    unmount()
    await gone
  })

  it('aborts the fetch when the output changes, and shows the new file', async () => {
    const gone = closing('/held/b.txt')
    const { rerender } = render(<ResultViewer output={{ uri: `${origin}/held/b.txt` }} />)
    await waitFor(() => expect(requests).toContain('/held/b.txt'))

    rerender(<ResultViewer output={{ uri: `${origin}/run.log` }} />)
    await gone
    await waitFor(() => expect(viewerDocument().querySelector('pre')?.textContent).toBe(log))
  })
})
