import type { FileOutput } from '@taskstream/core'
import { FileLink } from './file-link'
import { mediaKind } from './media-kind'
import { safeUrl } from './safe-url'
import { TextFilePreview } from './text-file-preview'
import { useObjectUrl } from './use-object-url'
import { usePageUrl } from './use-page-url'

/** Props of `FilePreview`. */
export interface FilePreviewProps {
  /** The file, as the task's output describes it. */
  file: FileOutput
}

function nameOf(file: FileOutput): string {
  if (file.filename) return file.filename
  if (/^\s*data:/i.test(file.uri)) return 'download'
  const last = file.uri.split(/[?#]/)[0]?.split('/').pop()
  if (!last) return 'download'
  try {
    return decodeURIComponent(last)
  } catch {
    return last
  }
}

/**
 * One output file, shown by type: an image, an audio or video player, Markdown or plain
 * text (fetched, with a download link), else a download link. A URL that is not safe in
 * `src`/`href` is shown as plain text instead, and never fetched.
 */
export function FilePreview({ file }: FilePreviewProps) {
  const page = usePageUrl()
  const kind = mediaKind(file)
  const name = nameOf(file)
  const use = kind === 'image' ? 'image' : kind === 'audio' || kind === 'video' ? 'media' : 'link'
  const url = safeUrl(file.uri, use, page)

  if (url === null) {
    return (
      <span className="ts-result-unsafe" data-kind="unsafe">
        {file.uri}
      </span>
    )
  }

  switch (kind) {
    case 'image':
      return <img className="ts-result-image" data-kind="image" src={url} alt={name} />
    case 'audio':
      return (
        // biome-ignore lint/a11y/useMediaCaption: generated media comes without a caption track
        <audio className="ts-result-audio" data-kind="audio" src={url} aria-label={name} controls />
      )
    case 'video':
      return (
        // biome-ignore lint/a11y/useMediaCaption: generated media comes without a caption track
        <video className="ts-result-video" data-kind="video" src={url} aria-label={name} controls />
      )
    case 'markdown':
    case 'text':
      return <TextFilePreview file={file} url={url} name={name} markdown={kind === 'markdown'} />
    case 'file':
      return <FileLink file={file} url={url} name={name} />
  }
}

/** Props of `BlobPreview`. */
export interface BlobPreviewProps {
  /** The data to show; a `File` also gives its name. */
  blob: Blob
}

/** A Blob shown like a file output, through an object URL revoked when it is replaced. */
export function BlobPreview({ blob }: BlobPreviewProps) {
  const url = useObjectUrl(blob)
  if (url === null) return null

  const file: FileOutput = { uri: url }
  if (blob.type) file.content_type = blob.type
  if (blob instanceof File && blob.name) file.filename = blob.name
  file.size = blob.size
  return <FilePreview file={file} />
}
