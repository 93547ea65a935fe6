/** Where a URL is going: an `<img>` may also take inline raster images. */
export type UrlUse = 'image' | 'media' | 'link'

const safeProtocols = new Set(['http:', 'https:', 'blob:'])

// Raster formats only: an SVG or HTML data URL can carry script.
const inlineImage = /^data:image\/(?:png|jpeg|gif|webp)[;,]/i

/**
 * The URL to put in `src`/`href`, or `null` when it is not safe there. Only absolute
 * `http:`, `https:` and `blob:` URLs pass, plus raster `data:image/…` ones for images.
 * Parsing follows the browser, so case, spaces and tabs cannot hide a `javascript:` URL.
 */
export function safeUrl(raw: string, use: UrlUse): string | null {
  // Known limit: relative URLs are refused (no base is known during server rendering), and
  // so are audio/video `data:` URLs, which the local and real servers never send.
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }

  if (safeProtocols.has(url.protocol)) return url.href
  if (use === 'image' && url.protocol === 'data:' && inlineImage.test(url.href)) return url.href
  return null
}
