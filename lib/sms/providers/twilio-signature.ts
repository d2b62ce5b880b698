/**
 * Twilio's webhook signature (X-Twilio-Signature): Base64(HMAC-SHA1(auth token, URL + every POST
 * parameter as name immediately followed by value, sorted by name)). The URL is the full one
 * Twilio requested, query string included. Compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export type FormParams = Iterable<[string, string]>

export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  // sort by name, then by value for repeated names (Twilio's helper libraries do the same)
  const pairs = [...params].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
  const payload = url + pairs.map(([k, v]) => k + v).join('')
  return createHmac('sha1', authToken).update(payload, 'utf8').digest('base64')
}

export function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: FormParams,
  signature: string | null | undefined,
): boolean {
  if (!signature) return false
  const expected = Buffer.from(twilioSignature(authToken, url, params))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
