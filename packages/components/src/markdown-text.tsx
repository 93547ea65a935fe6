import Markdown from 'react-markdown'
import { safeUrl } from './safe-url'

/** Props of `MarkdownText`. */
export interface MarkdownTextProps {
  /** The Markdown source. */
  text: string
}

/**
 * Markdown rendered to React elements: raw HTML is dropped, never parsed, and every link
 * and image URL goes through `safeUrl` (an unsafe one loses its attribute).
 */
export default function MarkdownText({ text }: MarkdownTextProps) {
  return (
    <Markdown
      skipHtml
      urlTransform={(url, key) => safeUrl(url, key === 'src' ? 'image' : 'link') ?? undefined}
    >
      {text}
    </Markdown>
  )
}
