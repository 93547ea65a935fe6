/** Copies text to the clipboard; rejects where the page may not write to it. */
export async function copyText(text: string): Promise<void> {
  if (!navigator.clipboard) throw new Error('The clipboard is not available on this page.')
  await navigator.clipboard.writeText(text)
}

/** Saves text as a file through a temporary object URL, revoked once the download starts. */
export function downloadText(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.click()
  // The click only queues the download; revoking in the same task can cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
