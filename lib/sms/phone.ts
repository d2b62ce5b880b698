/**
 * Phone numbers as people type them ("0917 123 4567", "+63 917-123-4567", "(415) 555 2671") turned
 * into the one form providers and our uniqueness checks agree on: E.164 ("+639171234567").
 *
 * The "max" metadata validates against each country's real numbering plan (the default "min" build
 * accepts any number of the right length), so a typo is refused here with a reason, not by a
 * provider after we paid for the attempt.
 */
import {
  type CountryCode,
  getCountries,
  ParseError,
  type PhoneNumberType,
  parsePhoneNumberWithError,
} from 'libphonenumber-js/max'

export type PhoneResult =
  | { ok: true; e164: string; country: CountryCode | undefined; type: PhoneNumberType | undefined }
  | { ok: false; reason: string }

const COUNTRIES = new Set<string>(getCountries())

export function isCountryCode(value: string): value is CountryCode {
  return COUNTRIES.has(value)
}

const PARSE_REASONS: Record<string, string> = {
  INVALID_COUNTRY: 'Start the number with + and its country code (no default country is set).',
  NOT_A_NUMBER: 'That does not look like a phone number.',
  TOO_SHORT: 'That number is too short.',
  TOO_LONG: 'That number is too long.',
  INVALID_LENGTH: 'That number has the wrong number of digits.',
}

/**
 * Parse `input` as a phone number, reading numbers without a leading + as numbers of
 * `defaultCountry` (the organisation's country, e.g. 'PH'). Returns E.164 or a sentence a person
 * can act on.
 */
export function toE164(input: string, defaultCountry?: string): PhoneResult {
  const text = input.trim()
  if (!text) return { ok: false, reason: 'Enter a phone number.' }
  if (defaultCountry !== undefined && !isCountryCode(defaultCountry)) {
    return { ok: false, reason: `'${defaultCountry}' is not a country code (use two letters, like PH).` }
  }
  let parsed: ReturnType<typeof parsePhoneNumberWithError>
  try {
    parsed = parsePhoneNumberWithError(text, defaultCountry as CountryCode | undefined)
  } catch (error) {
    if (error instanceof ParseError) {
      return { ok: false, reason: PARSE_REASONS[error.message] ?? 'That does not look like a phone number.' }
    }
    throw error
  }
  if (parsed.ext) return { ok: false, reason: 'Text messages cannot go to an extension; remove it.' }
  if (!parsed.isPossible()) return { ok: false, reason: 'That number has the wrong number of digits.' }
  if (!parsed.isValid()) {
    const where = parsed.country ? ` for ${parsed.country}` : ''
    return { ok: false, reason: `That is not a valid phone number${where}.` }
  }
  const type = parsed.getType()
  if (type === 'FIXED_LINE') return { ok: false, reason: 'That is a landline; text messages need a mobile number.' }
  return { ok: true, e164: parsed.number, country: parsed.country, type }
}

/** The country calling code of an E.164 number ('+63…' → '63'), or undefined if it is not E.164. */
export function callingCodeOf(e164: string): string | undefined {
  if (!/^\+[1-9]\d{6,14}$/.test(e164)) return undefined
  try {
    return parsePhoneNumberWithError(e164).countryCallingCode
  } catch {
    return undefined
  }
}

/** Strict check used at the adapters' edge: '+' then 7–15 digits, first not 0. */
export function isE164(value: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(value)
}
