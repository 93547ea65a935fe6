'use client'

import type { TaskState } from '@taskstream/core'
import { useTask } from '@taskstream/react'
import type { ComponentPropsWithRef } from 'react'
import { classNames } from './class-names'
import { FilePreview } from './file-preview'
import { type ResultPart, resultParts } from './result-parts'

/** Props of `ResultViewer`; other props go to the root `<div>`. */
export interface ResultViewerProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** The task's output: a file, a string, or app-defined JSON. */
  output?: unknown
  /** Shows this task's live output (inside `TaskStreamProvider`); `output` is ignored. */
  taskId?: string
}

function formatJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value)
  } catch {
    return String(value)
  }
}

function Part({ part }: { part: ResultPart }) {
  switch (part.kind) {
    case 'file':
      return <FilePreview file={part.file} />
    case 'text':
      return (
        <div className="ts-result-text" data-kind="text">
          {part.text}
        </div>
      )
    case 'json':
      return (
        <pre className="ts-result-json" data-kind="json">
          <code>{formatJson(part.value)}</code>
        </pre>
      )
  }
}

const selectOutput = (state: TaskState) => state.output

function LiveResultViewer({ taskId, ...rest }: ResultViewerProps & { taskId: string }) {
  const output = useTask(taskId, selectOutput) ?? null
  return <ResultViewerView {...rest} output={output} />
}

function ResultViewerView({ output, className, ...rest }: Omit<ResultViewerProps, 'taskId'>) {
  const parts = resultParts(output)

  return (
    <div
      {...rest}
      className={classNames('ts-result-viewer', className)}
      data-state={parts.length === 0 ? 'empty' : 'ready'}
    >
      {parts.map((part) => (
        <Part key={part.key} part={part} />
      ))}
    </div>
  )
}

/**
 * Shows a task's output by its shape: images, audio and video in players, other files as
 * download links, text as text, anything else as formatted JSON. Never renders HTML.
 */
export function ResultViewer({ taskId, ...rest }: ResultViewerProps) {
  if (taskId !== undefined) return <LiveResultViewer {...rest} taskId={taskId} />
  return <ResultViewerView {...rest} />
}
