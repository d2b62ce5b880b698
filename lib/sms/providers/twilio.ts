/**
 * Twilio Programmable Messaging, 2010-04-01 API, HTTP Basic auth (AccountSid:AuthToken):
 *   POST /2010-04-01/Accounts/{AccountSid}/Messages.json  form To, From | MessagingServiceSid, Body,
 *        StatusCallback → 201 {sid: 'SM…', status: 'queued' | 'accepted', price, price_unit, error_code, …}
 *   GET  /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json → the same resource, current status
 *   GET  /2010-04-01/Accounts/{AccountSid}/Balance.json → {account_sid, balance: '12.34', currency: 'USD'}
 * Errors: {code, message, more_info, status}; 429 / code 20429 is the rate limit; 20003 is bad
 * credentials; 21211 (invalid To), 21614 (not a mobile number), 21610 (recipient replied STOP),
 * 21408 (region not enabled) and the rest of the 4xx are permanent.
 * Delivery reports: POST to StatusCallback, form fields MessageSid, MessageStatus (queued, sending,
 * sent, delivered, undelivered, failed, …), ErrorCode on failure; signed with X-Twilio-Signature.
 */
import { providerBaseUrl } from './config'
import { byStatus, call, form, joinUrl, noResponse, parseJson, retryAfterSeconds, wrongProvider } from './http'
import { verifyTwilioSignature } from './twilio-signature'
import type {
  BalanceOutcome,
  CallbackRequest,
  CallbackStatus,
  ParsedCallback,
  SendOutcome,
  SmsProvider,
  TwilioCredentials,
} from './types'

const NAME = 'Twilio'

interface TwilioError {
  code: number
  message: string
  more_info?: string
  status?: number
}

function isTwilioError(body: unknown): body is TwilioError {
  return typeof body === 'object' && body !== null && 'code' in body && 'message' in body
}

function auth(creds: TwilioCredentials): string {
  return `Basic ${Buffer.from(`${creds.accountSid}:${creds.authToken}`).toString('base64')}`
}

function accountUrl(creds: TwilioCredentials, rest: string): string {
  return joinUrl(
    providerBaseUrl('twilio', creds.baseUrl),
    `/2010-04-01/Accounts/${encodeURIComponent(creds.accountSid)}${rest}`,
  )
}

/** Twilio's delivery states onto ours. Accepted-but-not-yet-final states count as SENT. */
export function twilioStatus(word: string): CallbackStatus | undefined {
  switch (word) {
    case 'accepted':
    case 'scheduled':
    case 'queued':
    case 'sending':
    case 'sent':
      return 'SENT'
    case 'delivered':
    case 'read':
      return 'DELIVERED'
    case 'undelivered':
    case 'failed':
    case 'canceled':
      return 'FAILED'
    default:
      return undefined
  }
}

/** Price strings like "-0.00790" (negative = charged) → positive micros. */
function priceMicros(price: unknown): number | undefined {
  if (price === null || price === undefined || price === '') return undefined
  const n = Number(price)
  return Number.isFinite(n) ? Math.round(Math.abs(n) * 1_000_000) : undefined
}

function errorOutcome(body: TwilioError, httpStatus: number, headers: Headers, latencyMs: number): SendOutcome {
  const error = `Twilio ${body.code}: ${body.message}`
  const providerCode = String(body.code)
  if (httpStatus === 429 || body.code === 20429 || httpStatus >= 500) {
    return {
      kind: 'retryable',
      error,
      httpStatus,
      providerCode,
      retryAfterSeconds: retryAfterSeconds(headers),
      latencyMs,
    }
  }
  return { kind: 'permanent', error, httpStatus, providerCode, latencyMs }
}

/** Twilio signs the URL it called; with an explicit default port or without, try both. */
export function urlVariants(raw: string): string[] {
  try {
    const u = new URL(raw)
    const dflt = u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : ''
    if (u.port) return [raw]
    const withPort = `${u.protocol}//${u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : ''}${u.hostname}:${dflt}${u.pathname}${u.search}`
    return [raw, withPort]
  } catch {
    return [raw]
  }
}

export const twilio: SmsProvider = {
  name: 'twilio',

  canDeliverTo(e164) {
    return /^\+[1-9]\d{6,14}$/.test(e164)
  },

  async send(req, creds, opts) {
    if (creds.provider !== 'twilio') return wrongProvider('twilio', creds.provider)
    if (!creds.messagingServiceSid && !creds.sender) {
      return { kind: 'permanent', error: 'Twilio needs a From number or a Messaging Service SID', latencyMs: 0 }
    }
    const r = await call(
      accountUrl(creds, '/Messages.json'),
      {
        method: 'POST',
        headers: {
          authorization: auth(creds),
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form({
          To: req.to,
          ...(creds.messagingServiceSid ? { MessagingServiceSid: creds.messagingServiceSid } : { From: creds.sender }),
          Body: req.body,
          StatusCallback: req.statusCallbackUrl,
        }),
      },
      opts,
    )
    if (!r.ok) return noResponse(r)
    const body = parseJson(r.text) as Record<string, unknown> | undefined
    if (r.status >= 200 && r.status < 300 && body && typeof body.sid === 'string') {
      const status = String(body.status ?? 'queued')
      if (twilioStatus(status) === 'FAILED') {
        return {
          kind: 'permanent',
          error: `Twilio ${body.error_code ?? ''}: ${body.error_message ?? `message ${status}`}`.trim(),
          httpStatus: r.status,
          providerCode: body.error_code ? String(body.error_code) : undefined,
          latencyMs: r.latencyMs,
        }
      }
      const cost = priceMicros(body.price)
      return {
        kind: 'sent',
        providerMessageId: body.sid,
        providerStatus: status,
        ...(cost !== undefined ? { costMicros: cost, currency: String(body.price_unit ?? 'USD') } : {}),
        latencyMs: r.latencyMs,
      }
    }
    if (isTwilioError(body)) return errorOutcome(body, r.status, r.headers, r.latencyMs)
    return byStatus(r, NAME)
  },

  parseStatusCallback(req: CallbackRequest, creds): ParsedCallback {
    if (creds.provider !== 'twilio')
      return { ok: false, reason: `twilio callback checked with ${creds.provider} credentials` }
    const params = new URLSearchParams(req.body)
    const signature = req.headers.get('x-twilio-signature')
    if (!signature) return { ok: false, reason: 'No X-Twilio-Signature header' }
    const valid = urlVariants(req.url).some((u) => verifyTwilioSignature(creds.authToken, u, params, signature))
    if (!valid) return { ok: false, reason: 'X-Twilio-Signature does not match this request' }
    if (params.get('AccountSid') && params.get('AccountSid') !== creds.accountSid) {
      return { ok: false, reason: 'The callback is for another Twilio account' }
    }
    const sid = params.get('MessageSid') ?? params.get('SmsSid')
    const word = params.get('MessageStatus') ?? params.get('SmsStatus')
    if (!sid || !word) return { ok: false, reason: 'The callback has no MessageSid or MessageStatus' }
    const status = twilioStatus(word)
    if (!status) return { ok: false, reason: `Unknown Twilio status '${word}'` }
    const code = params.get('ErrorCode')
    return {
      ok: true,
      providerMessageId: sid,
      status,
      providerStatus: word,
      ...(status === 'FAILED' ? { error: code ? `Twilio error ${code}` : `Twilio: ${word}` } : {}),
    }
  },

  async fetchStatus(providerMessageId, creds, opts): Promise<ParsedCallback> {
    if (creds.provider !== 'twilio') return { ok: false, reason: `twilio adapter given ${creds.provider} credentials` }
    const r = await call(
      accountUrl(creds, `/Messages/${encodeURIComponent(providerMessageId)}.json`),
      { method: 'GET', headers: { authorization: auth(creds), accept: 'application/json' } },
      opts,
    )
    if (!r.ok) return { ok: false, reason: r.error }
    const body = parseJson(r.text) as Record<string, unknown> | undefined
    if (r.status !== 200 || !body || typeof body.status !== 'string') {
      return {
        ok: false,
        reason: isTwilioError(body) ? `Twilio ${body.code}: ${body.message}` : `Twilio HTTP ${r.status}`,
      }
    }
    const status = twilioStatus(body.status)
    if (!status) return { ok: false, reason: `Unknown Twilio status '${body.status}'` }
    return {
      ok: true,
      providerMessageId,
      status,
      providerStatus: body.status,
      ...(status === 'FAILED'
        ? { error: `Twilio ${body.error_code ?? ''}: ${body.error_message ?? body.status}`.trim() }
        : {}),
    }
  },

  async balance(creds, opts): Promise<BalanceOutcome> {
    if (creds.provider !== 'twilio') {
      return { ok: false, error: `twilio adapter given ${creds.provider} credentials`, retryable: false, latencyMs: 0 }
    }
    const r = await call(
      accountUrl(creds, '/Balance.json'),
      { method: 'GET', headers: { authorization: auth(creds), accept: 'application/json' } },
      opts,
    )
    if (!r.ok) return { ok: false, error: r.error, retryable: true, latencyMs: r.latencyMs }
    const body = parseJson(r.text) as Record<string, unknown> | undefined
    const amount = Number(body?.balance)
    if (r.status === 200 && body && body.balance !== undefined && Number.isFinite(amount)) {
      return { ok: true, amount, currency: String(body.currency ?? 'USD'), latencyMs: r.latencyMs }
    }
    const outcome = isTwilioError(body) ? errorOutcome(body, r.status, r.headers, r.latencyMs) : byStatus(r, NAME)
    return {
      ok: false,
      error: outcome.kind === 'sent' ? '' : outcome.error,
      retryable: outcome.kind === 'retryable',
      httpStatus: r.status,
      latencyMs: r.latencyMs,
    }
  },
}
