import type { FileOutput } from '@taskstream/core'
import { FileLink } from './file-link'
import { formatBytes } from './format-bytes'
import { LazyMarkdown } from './lazy-markdown'
import { type TextFileState, textFileLimit, useTextFile } from './use-text-file'

/** Props of `TextFilePreview`. */
export interface TextFilePreviewProps {
  /** The file, as the task's output describes it. */
  file: FileOutput
  /** A URL that `safeUrl` passed for links: the only one fetched. */
  url: string
  /** The name to download the file under. */
  name: string
  /** Renders the text as Markdown (raw HTML off) rather than as plain text. */
  markdown: boolean
}

interface BodyProps {
  state: TextFileState
  markdown: boolean
  name: string
}

function Body({ state, markdown, name }: BodyProps) {
  switch (state.status) {
    case 'loading':
      return <p className="ts-result-note">Loading…</p>
    case 'failed':
      return <p className="ts-result-note">This file could not be shown ({state.detail}).</p>
    case 'ready':
      if (markdown) {
        return (
          <div className="ts-result-markdown">
            <LazyMarkdown text={state.text} />
          </div>
        )
      }
      return (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take keyboard focus
        <section className="ts-result-text-file" tabIndex={0} aria-label={name}>
          <pre>{state.text}</pre>
        </section>
      )
  }
}

/**
 * A Markdown or plain-text file, fetched and shown above its download link. Only the first
 * 256 kB are read, with a note when the file is longer; on any failure only the link stays.
 */
export function TextFilePreview({ file, url, name, markdown }: TextFilePreviewProps) {
  const state = useTextFile(url)

  return (
    <div
      className="ts-result-document"
      data-kind={markdown ? 'markdown-file' : 'text-file'}
      data-state={state.status}
      data-reason={state.status === 'failed' ? state.reason : undefined}
      aria-busy={state.status === 'loading'}
    >
      <Body state={state} markdown={markdown} name={name} />
      {state.status === 'ready' && state.cut && (
        <p className="ts-result-note">
          Showing the first {formatBytes(textFileLimit)}; download the file for all of it.
        </p>
      )}
      <FileLink file={file} url={url} name={name} />
    </div>
  )
}
