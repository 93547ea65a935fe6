import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { gradientPng, gradientWebm, toneWavUrl } from '../test/story-media'
import { ResultViewer } from './result-viewer'

const image = () => ({ uri: gradientPng(), content_type: 'image/png', filename: 'sunset.png' })
const audio = () => ({ uri: toneWavUrl(1.5), content_type: 'audio/wav', filename: 'tone.wav' })

const story =
  'The lighthouse keeper counted the waves until the fog lifted, then wrote the number down.'

const meta = {
  title: 'Components/ResultViewer',
  component: ResultViewer,
} satisfies Meta<typeof ResultViewer>

export default meta
type Story = StoryObj<typeof meta>

/** An image file, shown in an `<img>`. */
export const Image: Story = { render: () => <ResultViewer output={{ image: image() }} /> }

/** An audio file, in a player with controls. */
export const Audio: Story = { render: () => <ResultViewer output={{ audio: audio() }} /> }

/** A video, recorded in the browser as a `File`: shown through an object URL in a player. */
export const Video: Story = {
  loaders: [async () => ({ video: await gradientWebm() })],
  render: (_args, { loaded }) => <ResultViewer output={{ video: loaded.video }} />,
  play: async ({ canvasElement }) => {
    const video = canvasElement.querySelector('video')
    await expect(video?.getAttribute('src')).toMatch(/^blob:/)
    await expect(video?.hasAttribute('controls')).toBe(true)
  },
}

/** `output.text` as a text block. */
export const Text: Story = { args: { output: { text: story } } }

/** Any other output as formatted JSON. */
export const Json: Story = {
  args: { output: { labels: ['lighthouse', 'fog'], scores: [0.91, 0.42], model: 'local/clip' } },
}

/** A file that is not media: a download link with its size. */
export const DownloadLink: Story = {
  args: {
    output: {
      uri: 'https://files.example.com/weights/lora.safetensors',
      content_type: 'application/octet-stream',
      filename: 'lora.safetensors',
      size: 151_000_000,
    },
  },
}

/** A `javascript:` URL never reaches `href`: it shows as plain text. */
export const UnsafeUrl: Story = {
  args: { output: { uri: 'javascript:alert(document.cookie)', content_type: 'image/png' } },
}

const markdown = [
  '## A lighthouse, described',
  '',
  'The keeper counted **waves**, not _days_. See [the log](https://example.com/log).',
  '',
  '- fog at dawn',
  '- light at dusk',
  '',
  '```',
  'beam_period = 5.0  # seconds',
  '```',
].join('\n')

/** `output.markdown` rendered by a Markdown renderer, loaded only when needed. */
export const Markdown: Story = {
  args: { output: { markdown } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(
      await canvas.findByRole('heading', { name: 'A lighthouse, described' }),
    ).toBeTruthy()
    await expect(canvas.getByRole('link', { name: 'the log' }).getAttribute('href')).toBe(
      'https://example.com/log',
    )
  },
}

const markdownFile = () =>
  new File([`${markdown}\n\n<script>window.__taskstreamXss=1</script>\n`], 'notes.md', {
    type: 'text/markdown',
  })

/** A Markdown file: fetched, rendered without its raw HTML, and offered for download. */
export const MarkdownFile: Story = {
  render: () => <ResultViewer output={{ notes: markdownFile() }} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(
      await canvas.findByRole('heading', { name: 'A lighthouse, described' }),
    ).toBeTruthy()
    await expect(canvasElement.querySelector('script')).toBeNull()
    await expect(canvas.getByRole('link', { name: /^notes\.md/ }).getAttribute('href')).toMatch(
      /^blob:/,
    )
  },
}

/** A list of images as a gallery. */
export const Gallery: Story = {
  render: () => (
    <ResultViewer
      output={{
        images: [1, 2, 3, 4].map((n) => ({
          uri: gradientPng(160, 100 + n * 10),
          content_type: 'image/png',
          filename: `variation-${n}.png`,
        })),
      }}
    />
  ),
}

/** Large JSON: folded past two levels, long strings and long lists cut until asked for. */
export const LargeJson: Story = {
  args: {
    output: {
      prompt: 'a lighthouse in fog, '.repeat(40),
      embedding: Array.from({ length: 300 }, (_, i) => Number(Math.sin(i).toFixed(4))),
      meta: { model: { name: 'local/clip', revision: { sha: '4f2a9c1', date: '2026-11-30' } } },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Show all 840 characters' }))
    await userEvent.click(canvas.getByRole('button', { name: 'Show 50 more of 250' }))
    await expect(canvasElement.querySelectorAll('.ts-json-number').length).toBe(100)

    const summary = (name: string) =>
      Array.from(canvasElement.querySelectorAll('summary')).find((item) =>
        item.textContent?.startsWith(`${name}: `),
      )
    const model = summary('model')
    await expect(model?.parentElement?.hasAttribute('open')).toBe(false)
    if (!model) throw new Error('no model branch')
    await userEvent.click(model)
    await expect(model.parentElement?.hasAttribute('open')).toBe(true)
    await expect(summary('revision')).toBeTruthy()
  },
}

const scriptedSvg =
  '<svg xmlns="http://www.w3.org/2000/svg"><script>parent.__taskstreamXss=1</script></svg>'

const hostileUrls = [
  'javascript:window.__taskstreamXss=1',
  'JaVaScRiPt:window.__taskstreamXss=1',
  ' \t javascript:window.__taskstreamXss=1',
  'java\nscript:window.__taskstreamXss=1',
  'data:text/html,<script>parent.__taskstreamXss=1</script>',
  'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="parent.__taskstreamXss=1"/>',
  'vbscript:msgbox(1)',
  '//elsewhere.example/x.png',
]

/**
 * The XSS matrix: hostile URLs as images, media and links, an SVG carrying script, and HTML
 * and script links inside Markdown. Nothing runs and no such URL becomes live.
 */
export const XssMatrix: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: '0.5rem' }}>
      {hostileUrls.flatMap((uri) =>
        ['image/png', 'audio/wav', 'video/mp4', 'application/pdf', undefined].map((type) => (
          <ResultViewer
            key={`${uri}-${type}`}
            output={type ? { uri, content_type: type } : { uri }}
          />
        )),
      )}
      <ResultViewer
        output={{
          uri: `data:image/svg+xml;base64,${btoa(scriptedSvg)}`,
          filename: 'evil.svg',
        }}
      />
      <ResultViewer
        output={{
          markdown: [
            '<img src=x onerror="window.__taskstreamXss=1"> <script>window.__taskstreamXss=1</script>',
            '',
            '[a](javascript:window.__taskstreamXss=1) [b](JAVASCRIPT:alert(1))',
            '![c](data:image/svg+xml,<svg/onload=alert(1)>)',
            '',
            '<a href="javascript:alert(1)">raw link</a>',
          ].join('\n'),
        }}
      />
      <ResultViewer
        output={{ text: '<b onclick="window.__taskstreamXss=1">text stays text</b>' }}
      />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-kind="markdown"] p')).toBeTruthy(),
    )
    for (const element of canvasElement.querySelectorAll('[src], [href]')) {
      const url = element.getAttribute('src') ?? element.getAttribute('href') ?? ''
      await expect(url).toMatch(/^(https?:|blob:|data:image\/(png|jpeg|gif|webp|avif|bmp)[;,])/i)
    }
    await expect(canvasElement.querySelector('script, iframe, object, embed, b')).toBeNull()
    await expect(canvasElement.querySelector('[onerror], [onclick], [onload]')).toBeNull()

    // Anything that could run has had its chance by now.
    await new Promise((resolve) => setTimeout(resolve, 100))
    await expect((window as { __taskstreamXss?: number }).__taskstreamXss).toBeUndefined()
  },
}

/** Every kind of output side by side. */
export const AllOutputs: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: '1.5rem', maxWidth: 480 }}>
      <ResultViewer output={{ image: image(), seed: 42 }} />
      <ResultViewer output={{ audio: audio() }} />
      <ResultViewer output={{ text: story }} />
      <ResultViewer output={{ markdown }} />
      <ResultViewer output={{ notes: markdownFile() }} />
      <ResultViewer
        output={{ log: new File(['step 1/3\nstep 2/3\nstep 3/3 done\n'], 'run.log') }}
      />
      <ResultViewer
        output={[1, 2, 3].map((n) => ({
          uri: gradientPng(120, 80 + n * 10),
          content_type: 'image/png',
        }))}
      />
      <ResultViewer output={{ statuses: ['QUEUED', 'RUNNING', 'COMPLETED'] }} />
      <ResultViewer
        output={{
          uri: 'https://files.example.com/report.pdf',
          filename: 'report.pdf',
          size: 48_213,
        }}
      />
      <ResultViewer output={{ uri: 'data:text/html,<script>alert(1)</script>' }} />
    </div>
  ),
}

/** `AllOutputs` on the dark theme, so axe checks its colours too. */
export const AllOutputsDark: Story = { ...AllOutputs, globals: { theme: 'dark' } }
