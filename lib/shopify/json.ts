import type { Json } from '@/types/database'

/**
 * JSON.parse for Shopify payloads. Shopify's ids are 64-bit integers (820982911946154508) that a
 * JavaScript number cannot hold: parsed naively, two different orders could get the same id. Every
 * integer literal outside a string that is not a safe integer becomes a string of its digits
 * before parsing; the database reads ids as text (`->>`) either way.
 */
export function parseShopifyJson(raw: string): Json {
  // JSON.parse answers JSON values only: the one type a jsonb parameter takes
  const value: Json = JSON.parse(quoteBigIntegers(raw))
  return value
}

export function quoteBigIntegers(raw: string): string {
  let out = ''
  let last = 0
  let i = 0
  const n = raw.length
  while (i < n) {
    const c = raw.charCodeAt(i)
    if (c === 34 /* " */) {
      // skip the string, escapes included
      i++
      while (i < n) {
        const d = raw.charCodeAt(i)
        if (d === 92 /* \ */) i += 2
        else if (d === 34) break
        else i++
      }
      i++
      continue
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i
      i++
      while (i < n && /[0-9.eE+-]/.test(raw[i])) i++
      const literal = raw.slice(start, i)
      if (/^-?\d{16,}$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        out += `${raw.slice(last, start)}"${literal}"`
        last = i
      }
      continue
    }
    i++
  }
  return out + raw.slice(last)
}
