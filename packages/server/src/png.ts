import { PNG } from 'pngjs'

/** Encodes RGBA pixels (4 bytes each, rows top to bottom) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const png = new PNG({ width, height })
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength)
  return new Uint8Array(PNG.sync.write(png))
}
