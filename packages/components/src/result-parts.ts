import type { FileOutput } from '@taskstream/core'
import { isFileOutput } from './media-kind'

/** One piece of a task's output, by the way it is shown. */
export type ResultPart =
  | { kind: 'file'; key: string; file: FileOutput }
  | { kind: 'text'; key: string; text: string }
  | { kind: 'json'; key: string; value: unknown }

function isFileList(value: unknown): value is FileOutput[] {
  return Array.isArray(value) && value.length > 0 && value.every(isFileOutput)
}

function fileParts(key: string, files: FileOutput[]): ResultPart[] {
  return files.map((file, index) => ({ kind: 'file', key: `${key}.${index}`, file }))
}

/**
 * Splits an output into what to show: files (alone, in a list or in the fields of an
 * object), text (a string, or an object's `text` field), and the rest as JSON.
 */
export function resultParts(output: unknown): ResultPart[] {
  if (output === null || output === undefined) return []
  if (typeof output === 'string') return [{ kind: 'text', key: 'text', text: output }]
  if (isFileOutput(output)) return [{ kind: 'file', key: 'file', file: output }]
  if (isFileList(output)) return fileParts('files', output)
  if (typeof output !== 'object' || Array.isArray(output)) {
    return [{ kind: 'json', key: 'json', value: output }]
  }

  // An object: lift its files and its text out, keep the other fields as JSON.
  const parts: ResultPart[] = []
  const rest: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(output)) {
    if (isFileOutput(value)) parts.push({ kind: 'file', key, file: value })
    else if (isFileList(value)) parts.push(...fileParts(key, value))
    else if (key === 'text' && typeof value === 'string')
      parts.push({ kind: 'text', key, text: value })
    else rest[key] = value
  }

  if (parts.length === 0) return [{ kind: 'json', key: 'json', value: output }]
  if (Object.keys(rest).length > 0) parts.push({ kind: 'json', key: 'json', value: rest })
  return parts
}
