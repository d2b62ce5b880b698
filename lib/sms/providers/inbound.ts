/**
 * Incoming texts (a customer's reply), as each provider posts them to the URL set in its console
 * (docs/sms.md §inbound). Only Twilio documents and signs an inbound webhook:
 * - Twilio: a form POST (From, Body, MessageSid, To, OptOutType, …) signed with X-Twilio-Signature
 *   over the URL as called; answered with TwiML.
 * - Movider: documents delivery reports only (unsigned form POST or GET, answered with
 *   {"status":"OK","detail":""}); a reply is read in that manner (from, text or message, message_id),
 *   proved by the organisation's secret in the URL like its reports.
 * - Semaphore: no inbound messages in its API (one-way sender names), so nothing to parse.
 */

import { urlVariants } from './twilio'
import { verifyTwilioSignature } from './twilio-signature'
import type { CallbackRequest, ProviderCredentials, ProviderName } from './types'

export type ParsedInbound =
  | { ok: true; providerMessageId: string; from: string; body: string }
  | { ok: false; reason: string; forged?: boolean }

/** Providers that can send the app a reply at all. */
export const INBOUND_PROVIDERS: readonly ProviderName[] = ['twilio', 'movider']

/** A sender number as E.164 ("639171234567" from Movider gets its +). */
function e164(raw: string | null): string | null {
  const v = (raw ?? '').trim().replace(/[\s()-]/g, '')
  if (/^\+[1-9][0-9]{6,14}$/.test(v)) return v
  if (/^[1-9][0-9]{6,14}$/.test(v)) return `+${v}`
  return null
}

function fields(req: CallbackRequest): URLSearchParams {
  if (req.body.trim()) return new URLSearchParams(req.body)
  try {
    return new URL(req.url).searchParams
  } catch {
    return new URLSearchParams()
  }
}

export function parseTwilioInbound(req: CallbackRequest, creds: ProviderCredentials): ParsedInbound {
  if (creds.provider !== 'twilio') return { ok: false, reason: 'Not Twilio credentials', forged: true }
  const params = new URLSearchParams(req.body)
  const signature = req.headers.get('x-twilio-signature')
  if (!signature) return { ok: false, reason: 'No X-Twilio-Signature header', forged: true }
  if (!urlVariants(req.url).some((u) => verifyTwilioSignature(creds.authToken, u, params, signature)))
    return { ok: false, reason: 'X-Twilio-Signature does not match this request', forged: true }
  if (params.get('AccountSid') && params.get('AccountSid') !== creds.accountSid)
    return { ok: false, reason: 'The message is for another Twilio account', forged: true }
  const sid = params.get('MessageSid') ?? params.get('SmsMessageSid') ?? params.get('SmsSid')
  const from = e164(params.get('From'))
  if (!sid) return { ok: false, reason: 'The message has no MessageSid' }
  if (!from) return { ok: false, reason: 'The message has no sender number (From)' }
  // OptOutType is Twilio's own reading of its opt-out keywords; it wins over the words
  const optOut = params.get('OptOutType')?.toUpperCase()
  const body = optOut === 'STOP' || optOut === 'START' ? optOut : (params.get('Body') ?? '')
  return { ok: true, providerMessageId: sid, from, body }
}

export function parseMoviderInbound(req: CallbackRequest): ParsedInbound {
  const params = fields(req)
  const id = params.get('message_id') ?? params.get('id')
  const from = e164(params.get('from') ?? params.get('msisdn'))
  if (!id) return { ok: false, reason: 'The message has no message_id' }
  if (!from) return { ok: false, reason: 'The message has no sender number (from)' }
  return { ok: true, providerMessageId: id, from, body: params.get('text') ?? params.get('message') ?? '' }
}
