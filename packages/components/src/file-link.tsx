import type { FileOutput } from '@taskstream/core'
import { formatBytes } from './format-bytes'

/** Props of `FileLink`. */
export interface FileLinkProps {
  /** The file, as the task's output describes it. */
  file: FileOutput
  /** A URL that `safeUrl` passed for links. */
  url: string
  /** The name to download the file under. */
  name: string
}

/** A download link to a file, with its name and size when known. */
export function FileLink({ file, url, name }: FileLinkProps) {
  return (
    <a
      className="ts-result-file"
      data-kind="file"
      href={url}
      download={name}
      rel="noopener noreferrer"
    >
      {name}
      {file.size !== undefined && ` (${formatBytes(file.size)})`}
    </a>
  )
}
