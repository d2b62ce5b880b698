/**
 * What makes a signed Shopify delivery impossible to import, found before the database is asked
 * (docs/production.md §8): Postgres text and jsonb cannot hold U+0000, jsonb refuses half a
 * surrogate pair (`\ud800` alone), and deep nesting costs stack in every parser on the way. Such a
 * delivery goes on the review list instead (record_shopify_delivery), described by a sanitised
 * excerpt and problem that are always storable.
 */
export type DeliveryReason =
  | 'nul_character'
  | 'unpaired_surrogate'
  | 'too_deeply_nested'
  | 'not_utf8'
  | 'not_json'
  | 'not_an_order'
  | 'unsupported_topic'
  | 'rejected_by_database'

export interface Poison {
  reason: DeliveryReason
  problem: string
}

/** Shopify's order payloads nest about 6 levels (order → line_items → item → price_set → shop_money). */
export const MAX_DEPTH = 32
const EXCERPT_CHARS = 500
const PROBLEM_CHARS = 500

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
// C0 controls but tab/newline/CR, DEL, and half surrogate pairs
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Text that is always storable and printable: unsafe characters become U+FFFD, cut at `max` code points. */
export function sanitise(text: string, max = EXCERPT_CHARS): string {
  const clean = text.replace(UNSAFE, '\uFFFD')
  const points = Array.from(clean)
  return points.length > max ? `${points.slice(0, max - 1).join('')}…` : clean
}

/** The deepest nesting of arrays/objects in raw JSON text (strings skipped), stopping past `limit`. */
export function nestingDepth(raw: string, limit = MAX_DEPTH): number {
  let depth = 0
  let max = 0
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i)
    if (c === 34 /* " */) {
      for (i++; i < raw.length; i++) {
        const d = raw.charCodeAt(i)
        if (d === 92 /* \ */) i++
        else if (d === 34) break
      }
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++
      if (depth > max) {
        max = depth
        if (max > limit) return max
      }
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--
  }
  return max
}

/** The first string (key or value) in a parsed payload that Postgres cannot store, with its path. */
export function findUnstorable(value: unknown): Poison | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }]
  while (stack.length) {
    const { v, path } = stack.pop() as { v: unknown; path: string }
    if (typeof v === 'string') {
      const bad = problemIn(v)
      if (bad) return { reason: bad.reason, problem: sanitise(`${bad.what} in ${path || 'the body'}`, PROBLEM_CHARS) }
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: `${path}[${i}]` })
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]
        const keyPath = path ? `${path}.${k}` : k
        const bad = problemIn(k)
        if (bad) return { reason: bad.reason, problem: sanitise(`${bad.what} in the key ${keyPath}`, PROBLEM_CHARS) }
        stack.push({ v: child, path: keyPath })
      }
    }
  }
  return null
}

function problemIn(s: string): { reason: DeliveryReason; what: string } | null {
  if (s.includes('\u0000')) return { reason: 'nul_character', what: 'U+0000' }
  if (LONE_SURROGATE.test(s)) return { reason: 'unpaired_surrogate', what: 'Half a surrogate pair' }
  return null
}

/** Everything wrong with a delivery that the text alone shows, before parsing. */
export function rawPoison(raw: string): Poison | null {
  const depth = nestingDepth(raw)
  if (depth > MAX_DEPTH) {
    return { reason: 'too_deeply_nested', problem: `Nested more than ${MAX_DEPTH} levels deep` }
  }
  return null
}

/** Shopify's id and name of an order payload, when it has them (to find the order in Shopify). */
export function orderIdentity(payload: unknown): { id?: string; name?: string } {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return {}
  const { id, name } = payload as { id?: unknown; name?: unknown }
  const text = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? sanitise(String(x), 64) : undefined)
  return { id: text(id), name: text(name) }
}
