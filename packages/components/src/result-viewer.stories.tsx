import type { Meta, StoryObj } from '@storybook/react-vite'
import { gradientPng, toneWavUrl } from '../test/story-media'
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

/** Every kind of output side by side. */
export const AllOutputs: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: '1.5rem', maxWidth: 480 }}>
      <ResultViewer output={{ image: image(), seed: 42 }} />
      <ResultViewer output={{ audio: audio() }} />
      <ResultViewer output={{ text: story }} />
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
