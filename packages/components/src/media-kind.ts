import type { FileOutput } from '@taskstream/core'

/**
 * How a file is shown: in a media element, fetched and shown as Markdown or plain text, or
 * as a download link.
 */
export type MediaKind = 'image' | 'audio' | 'video' | 'markdown' | 'text' | 'file'

const byExtension: Record<string, MediaKind> = {
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  webp: 'image',
  avif: 'image',
  bmp: 'image',
  svg: 'image',
  mp3: 'audio',
  wav: 'audio',
  ogg: 'audio',
  oga: 'audio',
  flac: 'audio',
  m4a: 'audio',
  aac: 'audio',
  opus: 'audio',
  weba: 'audio',
  mp4: 'video',
  m4v: 'video',
  webm: 'video',
  ogv: 'video',
  mov: 'video',
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  log: 'text',
}

const byTextType: Record<string, MediaKind> = {
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/plain': 'text',
}

function kindOfType(contentType: string): MediaKind | null {
  const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  const top = essence.split('/')[0]
  if (top === 'image' || top === 'audio' || top === 'video') return top
  return byTextType[essence] ?? null
}

function kindOfName(name: string): MediaKind | null {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase()
  return extension ? (byExtension[extension] ?? null) : null
}

/** The path of a URL without query or fragment, or the media type of a `data:` URL. */
function pathOf(uri: string): string {
  if (/^\s*data:/i.test(uri)) return ''
  return uri.split(/[?#]/)[0] ?? ''
}

function dataType(uri: string): string {
  return /^\s*data:([^;,]*)/i.exec(uri)?.[1] ?? ''
}

/**
 * How to show a file: from its `content_type` when it has one, else from the extension of
 * its filename or URL (or the media type of a `data:` URL); anything else is a plain file.
 */
export function mediaKind(file: FileOutput): MediaKind {
  if (file.content_type) return kindOfType(file.content_type) ?? 'file'

  return (
    (file.filename ? kindOfName(file.filename) : null) ??
    kindOfName(pathOf(file.uri)) ??
    kindOfType(dataType(file.uri)) ??
    'file'
  )
}

/** Whether a value is a file object: it has a string `uri`. */
export function isFileOutput(value: unknown): value is FileOutput {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { uri?: unknown }).uri === 'string'
  )
}
