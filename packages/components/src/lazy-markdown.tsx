import { lazy, Suspense } from 'react'

// The Markdown renderer loads only when a Markdown output first shows up.
const MarkdownText = lazy(() => import('./markdown-text'))

/** Props of `LazyMarkdown`. */
export interface LazyMarkdownProps {
  /** The Markdown source. */
  text: string
}

/** Markdown rendered once its renderer has loaded; until then the source shows as text. */
export function LazyMarkdown({ text }: LazyMarkdownProps) {
  return (
    <Suspense fallback={<div className="ts-result-text">{text}</div>}>
      <MarkdownText text={text} />
    </Suspense>
  )
}
