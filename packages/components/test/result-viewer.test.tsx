import { fireEvent, render, screen, within } from '@testing-library/react'
import { createRef } from 'react'
import './cleanup'
import { describe, expect, it } from 'vitest'
import { ResultViewer } from '../src/index'

const png = 'data:image/png;base64,iVBORw0KGgo='

function mediaElement(): Element | null {
  const viewer = document.querySelector('.ts-result-viewer')
  return viewer?.querySelector('img, audio, video, a') ?? null
}

describe('ResultViewer', () => {
  it.each([
    ['image/png', 'IMG'],
    ['audio/wav', 'AUDIO'],
    ['video/mp4', 'VIDEO'],
    ['application/zip', 'A'],
  ])('shows a %s file as <%s>', (contentType, tag) => {
    const uri = 'https://files.example.com/out/result'
    render(<ResultViewer output={{ uri, content_type: contentType, filename: 'result' }} />)
    const element = mediaElement()

    expect(element?.tagName).toBe(tag)
    expect(element?.getAttribute(tag === 'A' ? 'href' : 'src')).toBe(uri)
  })

  it.each([
    [{ filename: 'cat.webp' }, 'IMG'],
    [{ filename: 'voice.MP3' }, 'AUDIO'],
    [{}, 'VIDEO'],
  ])('falls back to the extension when there is no content_type (%o)', (extra, tag) => {
    render(<ResultViewer output={{ uri: 'https://cdn.example.com/a/clip.webm?sig=1', ...extra }} />)
    expect(mediaElement()?.tagName).toBe(tag)
  })

  it('gives audio and video players their controls', () => {
    const { rerender } = render(
      <ResultViewer output={{ uri: 'blob:https://a.test/1', content_type: 'audio/ogg' }} />,
    )
    expect(document.querySelector('audio')?.hasAttribute('controls')).toBe(true)

    rerender(<ResultViewer output={{ uri: 'blob:https://a.test/1', content_type: 'video/webm' }} />)
    expect(document.querySelector('video')?.hasAttribute('controls')).toBe(true)
  })

  it('offers other files as a download link with name and size', () => {
    render(
      <ResultViewer
        output={{
          uri: 'https://x.test/w.safetensors',
          content_type: 'application/octet-stream',
          filename: 'w.safetensors',
          size: 1_500_000,
        }}
      />,
    )
    const link = screen.getByRole('link', { name: 'w.safetensors (1.5 MB)' })
    expect(link.getAttribute('download')).toBe('w.safetensors')
  })

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '  javascript:alert(1)',
    'java\tscript:alert(1)',
    '\njavascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'vbscript:msgbox(1)',
    '//elsewhere.example/path.png',
  ])('refuses to put %j into src or href and shows it as text', (uri) => {
    for (const contentType of ['image/png', 'audio/wav', 'application/pdf']) {
      const { unmount } = render(<ResultViewer output={{ uri, content_type: contentType }} />)

      expect(document.querySelector('[src], [href]')).toBeNull()
      expect(document.querySelector('.ts-result-unsafe')?.textContent).toBe(uri)
      unmount()
    }
  })

  it('puts raster data: images into an <img>, but not into a link', () => {
    const { rerender } = render(<ResultViewer output={{ uri: png }} />)
    expect(screen.getByRole('img').getAttribute('src')).toBe(png)

    rerender(<ResultViewer output={{ uri: png, content_type: 'application/octet-stream' }} />)
    expect(screen.queryByRole('link')).toBeNull()
  })

  it('shows a string, or an output.text, as a text block', () => {
    const { rerender } = render(<ResultViewer output="Once upon a time" />)
    expect(screen.getByText('Once upon a time').dataset.kind).toBe('text')

    rerender(<ResultViewer output={{ text: '<b>not bold</b>' }} />)
    expect(screen.getByText('<b>not bold</b>').dataset.kind).toBe('text')
    expect(document.querySelector('b')).toBeNull()
  })

  it('resolves a relative URL on the origin of the page', () => {
    render(<ResultViewer output={{ uri: '/files/out.png', content_type: 'image/png' }} />)
    expect(screen.getByRole('img').getAttribute('src')).toBe(`${location.origin}/files/out.png`)
  })

  it('shows other values as a JSON tree', () => {
    render(<ResultViewer output={{ labels: ['cat', 'dog'], score: 0.9 }} />)
    const json = document.querySelector('[data-kind="json"]') as HTMLElement
    const entries = Array.from(json.querySelectorAll('li'), (item) => item.textContent)

    expect(entries).toEqual(['labels: [2]0: "cat"1: "dog"', '0: "cat"', '1: "dog"', 'score: 0.9'])
  })

  it('folds JSON by keyboard through native details', () => {
    render(<ResultViewer output={{ deep: { deeper: { deepest: 1 } } }} />)
    const branches = document.querySelectorAll('details')

    expect(Array.from(branches, (branch) => branch.open)).toEqual([true, true, false])
    expect(branches[2]?.querySelector('summary')?.textContent).toBe('deeper: {1}')
  })

  it('cuts long JSON strings and long lists until asked for', () => {
    const output = { prompt: 'p'.repeat(500), ids: Array.from({ length: 120 }, (_, i) => i) }
    render(<ResultViewer output={output} />)

    expect(screen.getByText(`"${'p'.repeat(200)}…"`)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Show all 500 characters' }))
    expect(screen.getByText(`"${'p'.repeat(500)}"`)).toBeTruthy()

    const ids = () => document.querySelectorAll('.ts-json-number').length
    expect(ids()).toBe(50)
    fireEvent.click(screen.getByRole('button', { name: 'Show 50 more of 70' }))
    expect(ids()).toBe(100)
  })

  it('shows a list of files as a gallery', () => {
    const images = [1, 2, 3].map((n) => ({ uri: `https://x.test/${n}.png` }))
    render(<ResultViewer output={images} />)
    const gallery = document.querySelector('[data-kind="gallery"]') as HTMLElement

    expect(within(gallery).getAllByRole('img')).toHaveLength(3)
  })

  it('renders Markdown without raw HTML or unsafe links', async () => {
    const markdown = [
      '# Title',
      '',
      '**bold** <b>raw</b> <img src=x onerror="alert(1)">',
      '',
      '[ok](https://x.test/a) [bad](javascript:alert(1)) [bad2](JAVA\tscript:alert(1))',
    ].join('\n')
    render(<ResultViewer output={{ markdown }} />)

    expect(await screen.findByRole('heading', { name: 'Title' })).toBeTruthy()
    expect(screen.getByText('bold').tagName).toBe('STRONG')
    expect(document.querySelector('b, img')).toBeNull()
    expect(screen.getByRole('link', { name: 'ok' }).getAttribute('href')).toBe('https://x.test/a')
    expect(screen.queryByRole('link', { name: 'bad' })).toBeNull()
    expect(screen.getByText('bad').getAttribute('href')).toBeNull()
  })

  it('shows a Blob through an object URL, revoked when the Blob is replaced', () => {
    const created: string[] = []
    const revoked: string[] = []
    URL.createObjectURL = () => {
      created.push(`blob:${location.origin}/${created.length}`)
      return created.at(-1) as string
    }
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url)
    }

    const first = new Blob(['a'], { type: 'image/png' })
    const { rerender, unmount } = render(<ResultViewer output={{ image: first }} />)
    expect(screen.getByRole('img').getAttribute('src')).toBe(created[0])

    rerender(<ResultViewer output={{ image: new Blob(['b'], { type: 'image/png' }) }} />)
    expect(revoked).toEqual([created[0]])
    expect(screen.getByRole('img').getAttribute('src')).toBe(created[1])

    unmount()
    expect(revoked).toEqual([created[0], created[1]])
  })

  it('lifts files out of an object and shows the remaining fields as JSON', () => {
    const output = {
      images: [
        { uri: 'https://x.test/1.png', content_type: 'image/png' },
        { uri: 'https://x.test/2.png', content_type: 'image/png' },
      ],
      seed: 42,
    }
    render(<ResultViewer output={output} />)

    expect(screen.getAllByRole('img').map((img) => img.getAttribute('src'))).toEqual([
      'https://x.test/1.png',
      'https://x.test/2.png',
    ])
    expect(document.querySelector('[data-kind="json"]')?.textContent).toContain('seed: 42')
  })

  it('marks an empty output and forwards its ref and className', () => {
    const ref = createRef<HTMLDivElement>()
    render(<ResultViewer ref={ref} output={null} className="mine" />)

    expect(ref.current?.dataset.state).toBe('empty')
    expect(ref.current?.className).toBe('ts-result-viewer mine')
  })
})
