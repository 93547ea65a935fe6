'use client'

import type { TaskState } from '@taskstream/core'
import { useTask } from '@taskstream/react'
import type { ComponentPropsWithRef } from 'react'
import { classNames } from './class-names'
import { BlobPreview, FilePreview } from './file-preview'
import { JsonTree } from './json-tree'
import { LazyMarkdown } from './lazy-markdown'
import { type ResultPart, resultParts } from './result-parts'

/** Props of `ResultViewer`; other props go to the root `<div>`. */
export interface ResultViewerProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** The task's output: a file, a string, or app-defined JSON. */
  output?: unknown
  /** Shows this task's live output (inside `TaskStreamProvider`); `output` is ignored. */
  taskId?: string
  /** Renders text outputs as Markdown, raw HTML off (`output.markdown` always is). Default off. */
  markdown?: boolean
}

function Part({ part, markdown }: { part: ResultPart; markdown: boolean }) {
  switch (part.kind) {
    case 'file':
      return <FilePreview file={part.file} />
    case 'blob':
      return <BlobPreview blob={part.blob} />
    case 'gallery':
      return (
        <ul className="ts-result-gallery" data-kind="gallery">
          {part.files.map((file, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same URL may come twice
            <li key={index}>
              <FilePreview file={file} />
            </li>
          ))}
        </ul>
      )
    case 'text':
      if (markdown) return <Part part={{ ...part, kind: 'markdown' }} markdown />
      return (
        <div className="ts-result-text" data-kind="text">
          {part.text}
        </div>
      )
    case 'markdown':
      return (
        <div className="ts-result-markdown" data-kind="markdown">
          <LazyMarkdown text={part.text} />
        </div>
      )
    case 'json':
      return (
        <div className="ts-result-json" data-kind="json">
          <JsonTree value={part.value} />
        </div>
      )
  }
}

const selectOutput = (state: TaskState) => state.output

function LiveResultViewer({ taskId, ...rest }: ResultViewerProps & { taskId: string }) {
  const output = useTask(taskId, selectOutput) ?? null
  return <ResultViewerView {...rest} output={output} />
}

function ResultViewerView({
  output,
  markdown = false,
  className,
  ...rest
}: Omit<ResultViewerProps, 'taskId'>) {
  const parts = resultParts(output)

  return (
    <div
      {...rest}
      className={classNames('ts-result-viewer', className)}
      data-state={parts.length === 0 ? 'empty' : 'ready'}
    >
      {parts.map((part) => (
        <Part key={part.key} part={part} markdown={markdown} />
      ))}
    </div>
  )
}

/**
 * Shows a task's output by its shape: images, audio and video in players, Markdown and text
 * files fetched and shown (with their link), lists of files as a gallery, other files as
 * download links, text as text or Markdown, anything else as a collapsible JSON tree.
 * Never renders HTML; only safe URLs reach `src` and `href` or get fetched.
 */
export function ResultViewer({ taskId, ...rest }: ResultViewerProps) {
  if (taskId !== undefined) return <LiveResultViewer {...rest} taskId={taskId} />
  return <ResultViewerView {...rest} />
}
