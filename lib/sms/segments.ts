/**
 * How many SMS a text costs. A message in the GSM 03.38 7-bit alphabet carries 160 characters in
 * one SMS; split, each part loses 7 to the concatenation header (153). A single character outside
 * that alphabet (an emoji, a curly quote, 'ñ' is fine but 'ń' is not) switches the whole message
 * to UCS-2: 70 UTF-16 units, 67 per part. Characters of the GSM extension table ({ } [ ] ~ \ | ^ €
 * and form feed) are sent as escape + char, so they count twice. Neither an escape pair nor a
 * UTF-16 surrogate pair is split across parts, which is why parts are packed, not divided.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2'

export interface SegmentInfo {
  encoding: SmsEncoding
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) of the whole text. */
  units: number
  segments: number
  /** Capacity of one part at this length: 160/153 or 70/67. */
  perSegment: number
  /** Units still free in the last part before another part starts. */
  remaining: number
  /** The distinct characters that forced UCS-2 (empty for GSM-7), for "remove these to save" hints. */
  nonGsmChars: string[]
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const GSM_EXTENSION = '\f^{}\\[~]|€'

const BASIC = new Set(GSM_BASIC)
const EXTENSION = new Set(GSM_EXTENSION)

export const SINGLE_GSM = 160
export const MULTI_GSM = 153
export const SINGLE_UCS2 = 70
export const MULTI_UCS2 = 67

/** Septets one character takes in GSM-7, or undefined when it is not in the alphabet. */
export function gsmSeptets(char: string): 1 | 2 | undefined {
  if (BASIC.has(char)) return 1
  if (EXTENSION.has(char)) return 2
  return undefined
}

function pack(sizes: number[], single: number, multi: number): { units: number; segments: number; remaining: number } {
  const units = sizes.reduce((sum, n) => sum + n, 0)
  if (units === 0) return { units, segments: 0, remaining: single }
  if (units <= single) return { units, segments: 1, remaining: single - units }
  let segments = 1
  let used = 0
  for (const size of sizes) {
    if (used + size > multi) {
      segments += 1
      used = 0
    }
    used += size
  }
  return { units, segments, remaining: multi - used }
}

export function segmentInfo(text: string): SegmentInfo {
  const chars = Array.from(text) // code points: a surrogate pair stays one entry
  const nonGsm = new Set<string>()
  const septets: number[] = []
  for (const char of chars) {
    const n = gsmSeptets(char)
    if (n === undefined) nonGsm.add(char)
    else septets.push(n)
  }
  if (nonGsm.size === 0) {
    const packed = pack(septets, SINGLE_GSM, MULTI_GSM)
    return {
      encoding: 'GSM-7',
      ...packed,
      perSegment: packed.segments > 1 ? MULTI_GSM : SINGLE_GSM,
      nonGsmChars: [],
    }
  }
  const packed = pack(
    chars.map((c) => c.length),
    SINGLE_UCS2,
    MULTI_UCS2,
  )
  return {
    encoding: 'UCS-2',
    ...packed,
    perSegment: packed.segments > 1 ? MULTI_UCS2 : SINGLE_UCS2,
    nonGsmChars: [...nonGsm],
  }
}

/** Estimated cost in micros: segments × the provider's price per part (in micros). */
export function estimateCostMicros(text: string, pricePerSegmentMicros: number): number {
  return segmentInfo(text).segments * pricePerSegmentMicros
}
