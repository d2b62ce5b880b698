/**
 * The printed label format. What a scanned code means is the database's decision
 * (app.floor_parse_code, supabase/migrations/20261122003700): every scan goes to the server as typed
 * and its answer is shown. This copy is read only where the server cannot be asked — a scan made
 * offline, to name it in the outbox and find its cached card (lib/scan/offline-cards.ts) — and never
 * to refuse a code. `FL1:<prefix>:<T>:<code>`:
 *   FL1     format and version — a later FL2 is refused with a clear reason;
 *   prefix  the workshop's label prefix (2–6 letters/digits), so a foreign label is recognised;
 *   T       I item, L location, U user (badge), A action card;
 *   code    I/L/A: Crockford base32 data + one Luhn mod 32 check character (a typo never names
 *           another item); U: the member's badge code.
 * Only QR "alphanumeric" characters occur, so a label fits a version-1 QR code.
 */
export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export type LabelType = 'item' | 'location' | 'user' | 'action'
const TYPE_BY_LETTER: Record<string, LabelType> = { I: 'item', L: 'location', U: 'user', A: 'action' }
export const LETTER_BY_TYPE: Record<LabelType, string> = { item: 'I', location: 'L', user: 'U', action: 'A' }

export type ParsedCode =
  | { ok: true; kind: 'label'; normalised: string; prefix: string; type: LabelType; value: string }
  | { ok: true; kind: 'plain'; normalised: string; value: string }
  | { ok: false; error: 'INVALID_CODE' | 'UNSUPPORTED_LABEL_VERSION'; message: string; normalised: string }

/** Luhn mod 32 check character of a base32 string, or null if it has a character outside the alphabet. */
export function checkChar(data: string): string | null {
  let factor = 2
  let sum = 0
  for (let i = data.length - 1; i >= 0; i--) {
    const pos = ALPHABET.indexOf(data[i])
    if (pos < 0) return null
    const add = factor * pos
    factor = factor === 2 ? 1 : 2
    sum += Math.floor(add / 32) + (add % 32)
  }
  return ALPHABET[(32 - (sum % 32)) % 32]
}

/** A typed short code normalised (upper case, O→0, I/L→1) if its check character holds, else null. */
export function shortCode(text: string): string | null {
  const v = text.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1')
  if (!/^[0-9A-HJKMNP-TV-Z]{3,13}$/.test(v)) return null
  return checkChar(v.slice(0, -1)) === v.slice(-1) ? v : null
}

/** The short code for a number (the database mints them from a per-workshop counter). */
export function encodeShortCode(n: number): string {
  let v = Math.floor(n)
  let out = ''
  do {
    out = ALPHABET[v % 32] + out
    v = Math.floor(v / 32)
  } while (v > 0)
  return out + checkChar(out)
}

export function labelText(prefix: string, type: LabelType, code: string): string {
  return `FL1:${prefix}:${LETTER_BY_TYPE[type]}:${code}`
}

export function parseCode(raw: string): ParsedCode {
  const v = raw.trim().toUpperCase()
  if (!v) return { ok: false, error: 'INVALID_CODE', message: 'The code is empty', normalised: v }
  if (v.length > 64)
    return {
      ok: false,
      error: 'INVALID_CODE',
      message: 'That is not a Floorline code (too long)',
      normalised: v.slice(0, 64),
    }
  if (/^FL\d+:/.test(v)) {
    if (!v.startsWith('FL1:')) {
      return {
        ok: false,
        error: 'UNSUPPORTED_LABEL_VERSION',
        message: `Label format ${v.split(':')[0]} is newer than this app reads: update the app`,
        normalised: v,
      }
    }
    const m = /^FL1:([A-Z0-9]{2,6}):([ILUA]):([A-Z0-9][A-Z0-9-]{1,31})$/.exec(v)
    if (!m) return { ok: false, error: 'INVALID_CODE', message: 'This label is damaged or incomplete', normalised: v }
    let value = m[3]
    if (m[2] !== 'U') {
      const s = shortCode(value)
      if (!s) {
        return {
          ok: false,
          error: 'INVALID_CODE',
          message: 'The label’s check character does not match: rescan or retype it',
          normalised: v,
        }
      }
      value = s
    }
    return {
      ok: true,
      kind: 'label',
      normalised: `FL1:${m[1]}:${m[2]}:${value}`,
      prefix: m[1],
      type: TYPE_BY_LETTER[m[2]],
      value,
    }
  }
  if (!/^[A-Z0-9#][A-Z0-9#._/-]{0,39}$/.test(v)) {
    return { ok: false, error: 'INVALID_CODE', message: 'That is not a Floorline code', normalised: v }
  }
  return { ok: true, kind: 'plain', normalised: v, value: v }
}

/** Whether a parsed label belongs to another workshop (known before asking the server). */
export function isForeign(parsed: ParsedCode, prefix: string | undefined): boolean {
  return Boolean(prefix && parsed.ok && parsed.kind === 'label' && parsed.prefix !== prefix)
}
