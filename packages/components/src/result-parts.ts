import type { FileOutput } from '@taskstream/core'
import { isFileOutput } from './media-kind'

/** One piece of a task's output, by the way it is shown. */
export type ResultPart =
  | { kind: 'file'; key: string; file: FileOutput }
  | { kind: 'gallery'; key: string; files: FileOutput[] }
  | { kind: 'blob'; key: string; blob: Blob }
  | { kind: 'text'; key: string; text: string }
  | { kind: 'markdown'; key: string; text: string }
  | { kind: 'json'; key: string; value: unknown }

function isFileList(value: unknown): value is FileOutput[] {
  return Array.isArray(value) && value.length > 0 && value.every(isFileOutput)
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob
}

function fileListPart(key: string, files: FileOutput[]): ResultPart {
  const [only] = files
  if (files.length === 1 && only) return { kind: 'file', key, file: only }
  return { kind: 'gallery', key, files }
}

/** A field of an object output, if it is shown on its own (not as JSON). */
function fieldPart(key: string, value: unknown): ResultPart | null {
  if (isFileOutput(value)) return { kind: 'file', key, file: value }
  if (isBlob(value)) return { kind: 'blob', key, blob: value }
  if (isFileList(value)) return fileListPart(key, value)
  if (typeof value !== 'string') return null
  if (key === 'text') return { kind: 'text', key, text: value }
  if (key === 'markdown') return { kind: 'markdown', key, text: value }
  return null
}

/**
 * Splits an output into what to show: files (alone, in a list — a gallery — or in the fields
 * of an object), Blobs, text (a string, or an object's `text` field), Markdown (an object's
 * `markdown` field), and the rest as JSON.
 */
export function resultParts(output: unknown): ResultPart[] {
  if (output === null || output === undefined) return []
  if (typeof output === 'string') return [{ kind: 'text', key: 'text', text: output }]
  if (isFileOutput(output)) return [{ kind: 'file', key: 'file', file: output }]
  if (isBlob(output)) return [{ kind: 'blob', key: 'blob', blob: output }]
  if (isFileList(output)) return [fileListPart('files', output)]
  if (typeof output !== 'object' || Array.isArray(output)) {
    return [{ kind: 'json', key: 'json', value: output }]
  }

  // An object: lift its files and its text out, keep the other fields as JSON.
  const parts: ResultPart[] = []
  const rest: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(output)) {
    const part = fieldPart(key, value)
    if (part) parts.push(part)
    else rest[key] = value
  }

  if (parts.length === 0) return [{ kind: 'json', key: 'json', value: output }]
  if (Object.keys(rest).length > 0) parts.push({ kind: 'json', key: 'json', value: rest })
  return parts
}
