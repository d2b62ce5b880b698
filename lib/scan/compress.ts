/**
 * Photos are compressed on the tablet before upload: the longest edge at most 1600 px, JPEG, and
 * re-encoded at lower quality until under the byte budget. The sizing math is pure (unit-tested);
 * compressPhoto() does the canvas work in the browser.
 */
export const MAX_EDGE = 1600
export const MAX_BYTES = 900 * 1024
export const QUALITIES = [0.82, 0.72, 0.62, 0.5, 0.4] as const

/** The size to draw at: fits within maxEdge × maxEdge, keeps the aspect ratio, never upscales. */
export function fitWithin(
  width: number,
  height: number,
  maxEdge = MAX_EDGE,
): { width: number; height: number; scale: number } {
  if (!(width > 0 && height > 0)) throw new Error('An image has a positive width and height')
  const scale = Math.min(1, maxEdge / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)), scale }
}

/** The next JPEG quality to try after `bytes` at `quality`, or null to stop (small enough, or tried all). */
export function nextQuality(bytes: number, quality: number, maxBytes = MAX_BYTES): number | null {
  if (bytes <= maxBytes) return null
  const i = QUALITIES.indexOf(quality as (typeof QUALITIES)[number])
  return i >= 0 && i < QUALITIES.length - 1 ? QUALITIES[i + 1] : null
}

export interface Compressed {
  blob: Blob
  width: number
  height: number
  quality: number
}

/** Browser only: decode, scale and re-encode a camera photo as JPEG within the budget. */
export async function compressPhoto(file: Blob, maxEdge = MAX_EDGE, maxBytes = MAX_BYTES): Promise<Compressed> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  const { width, height } = fitWithin(bitmap.width, bitmap.height, maxEdge)
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const g = canvas.getContext('2d')
  if (!g) throw new Error('This browser cannot draw images')
  g.drawImage(bitmap, 0, 0, width, height)
  bitmap.close()
  let quality: number = QUALITIES[0]
  for (;;) {
    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('Could not encode the photo'))), 'image/jpeg', quality),
    )
    const next = nextQuality(blob.size, quality, maxBytes)
    if (next === null) return { blob, width, height, quality }
    quality = next
  }
}
