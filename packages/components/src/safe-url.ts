/** Where a URL is going: an `<img>` may also take inline raster images. */
export type UrlUse = 'image' | 'media' | 'link'

const safeProtocols = new Set(['http:', 'https:', 'blob:'])

// Raster formats only: an SVG or HTML data URL can carry script.
const inlineImage = /^data:image\/(?:png|jpeg|gif|webp|avif|bmp)[;,]/i

/**
 * The URL to put in `src`/`href`, or `null` when it is not safe there. Only `http:`,
 * `https:` and `blob:` URLs pass, plus raster `data:image/…` ones for images. With `base`
 * (the page's address), a relative URL passes when it stays on the page's origin.
 * Parsing follows the browser, so case, spaces and tabs cannot hide a `javascript:` URL.
 */
export function safeUrl(raw: string, use: UrlUse, base?: string): string | null {
  // Known limit: audio/video `data:` URLs are refused; the local and real servers send none.
  let url: URL
  try {
    url = base === undefined ? new URL(raw) : new URL(raw, base)
  } catch {
    return null
  }

  if (base !== undefined && !URL.canParse(raw) && url.origin !== new URL(base).origin) return null
  if (safeProtocols.has(url.protocol)) return url.href
  if (use === 'image' && url.protocol === 'data:' && inlineImage.test(url.href)) return url.href
  return null
}
