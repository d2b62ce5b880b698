/**
 * Movider (movider.co), form-encoded, credentials as api_key + api_secret fields:
 *   POST /v1/sms      api_key, api_secret, to (E.164 digits, comma-separated), text, from?,
 *                     callback_url?, callback_method? → 200 {remaining_balance, total_sms,
 *                     phone_number_list: [{number, message_id, price}], bad_phone_number_list: [{number, msg}]}
 *   POST /v1/balance  api_key, api_secret → 200 {type: 'USD', amount}
 * Errors: non-200 with {error: {code, name, description}}. A number Movider will not take comes
 * back in bad_phone_number_list with HTTP 200.
 * Delivery reports: a request to callback_url (GET query by default, POST form with
 * callback_method=POST) with message_id, status ('OK' or a failure word), detail (the delivery state:
 * 'DELIVERED', sic 'DELIVERIED' in some reports, 'UNDELIVERED', 'EXPIRED', 'REJECTED', …),
 * message_price, sent_date, to. Movider signs nothing: the caller checks a secret in the URL.
 */
import { providerBaseUrl } from './config'
import { byStatus, call, form, joinUrl, noResponse, parseJson, retryAfterSeconds, wrongProvider } from './http'
import type {
  BalanceOutcome,
  CallbackRequest,
  CallbackStatus,
  MoviderCredentials,
  ParsedCallback,
  SendOutcome,
  SmsProvider,
} from './types'

const NAME = 'Movider'

interface MoviderError {
  error: { code?: number | string; name?: string; description?: string }
}

function isMoviderError(body: unknown): body is MoviderError {
  return typeof body === 'object' && body !== null && typeof (body as MoviderError).error === 'object'
}

function reason(e: MoviderError['error']): string {
  return [e.name, e.description].filter(Boolean).join(': ') || `error ${e.code ?? ''}`.trim()
}

function errorOutcome(body: MoviderError, httpStatus: number, headers: Headers, latencyMs: number): SendOutcome {
  const error = `Movider ${reason(body.error)}`
  const providerCode = body.error.code !== undefined ? String(body.error.code) : body.error.name
  const words = `${body.error.name ?? ''} ${body.error.description ?? ''}`
  if (httpStatus === 429 || httpStatus >= 500 || /too many|rate limit|throttl/i.test(words)) {
    return {
      kind: 'retryable',
      error,
      httpStatus,
      providerCode,
      retryAfterSeconds: retryAfterSeconds(headers),
      latencyMs,
    }
  }
  // the account ran dry: another provider may still deliver this message
  if (/balance|credit|insufficient/i.test(words)) {
    return { kind: 'retryable', error, httpStatus, providerCode, latencyMs }
  }
  return { kind: 'permanent', error, httpStatus, providerCode, latencyMs }
}

/** Movider's delivery report words onto ours. */
export function moviderStatus(status: string | null, detail: string | null): CallbackStatus | undefined {
  const d = (detail ?? '').toUpperCase()
  if (/^DELIVER(I)?ED$/.test(d)) return 'DELIVERED'
  if (/^(UNDELIVER(ED|ABLE)|EXPIRED|REJECTED|FAILED|ERROR|DELETED|UNKNOWN)$/.test(d)) return 'FAILED'
  if (/^(SENT|ACCEPTED|ENROUTE|BUFFERED|PENDING|QUEUED)$/.test(d)) return 'SENT'
  const s = (status ?? '').toUpperCase()
  if (s && s !== 'OK') return 'FAILED'
  return undefined
}

function balanceFields(creds: MoviderCredentials) {
  return { api_key: creds.apiKey, api_secret: creds.apiSecret }
}

export const movider: SmsProvider = {
  name: 'movider',

  canDeliverTo(e164) {
    return /^\+[1-9]\d{6,14}$/.test(e164)
  },

  async send(req, creds, opts) {
    if (creds.provider !== 'movider') return wrongProvider('movider', creds.provider)
    const r = await call(
      joinUrl(providerBaseUrl('movider', creds.baseUrl), '/v1/sms'),
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form({
          ...balanceFields(creds),
          to: req.to.replace(/^\+/, ''),
          text: req.body,
          from: creds.sender,
          callback_url: req.statusCallbackUrl,
          callback_method: req.statusCallbackUrl ? 'POST' : undefined,
        }),
      },
      opts,
    )
    if (!r.ok) return noResponse(r)
    const body = parseJson(r.text) as Record<string, unknown> | undefined
    if (r.status === 200 && body && Array.isArray(body.phone_number_list)) {
      const sent = body.phone_number_list[0] as { message_id?: string; price?: number } | undefined
      if (sent?.message_id) {
        const price = Number(sent.price)
        return {
          kind: 'sent',
          providerMessageId: String(sent.message_id),
          providerStatus: 'accepted',
          ...(Number.isFinite(price) ? { costMicros: Math.round(price * 1_000_000), currency: 'USD' } : {}),
          latencyMs: r.latencyMs,
        }
      }
      const bad = (Array.isArray(body.bad_phone_number_list) ? body.bad_phone_number_list[0] : undefined) as
        | { number?: string; msg?: string }
        | undefined
      return {
        kind: 'permanent',
        error: `Movider refused the number${bad?.msg ? `: ${bad.msg}` : ''}`,
        httpStatus: r.status,
        providerCode: 'bad_phone_number',
        latencyMs: r.latencyMs,
      }
    }
    if (isMoviderError(body)) return errorOutcome(body, r.status, r.headers, r.latencyMs)
    return byStatus(r, NAME)
  },

  parseStatusCallback(req: CallbackRequest): ParsedCallback {
    // GET reports carry the fields in the query string, POST reports in a form body
    const query = (() => {
      try {
        return new URL(req.url).searchParams
      } catch {
        return new URLSearchParams()
      }
    })()
    const params = req.body.trim() ? new URLSearchParams(req.body) : query
    const id = params.get('message_id')
    if (!id) return { ok: false, reason: 'The report has no message_id' }
    const status = moviderStatus(params.get('status'), params.get('detail'))
    const word = params.get('detail') || params.get('status') || ''
    if (!status) return { ok: false, reason: `Unknown Movider delivery state '${word}'` }
    return {
      ok: true,
      providerMessageId: id,
      status,
      providerStatus: word,
      ...(status === 'FAILED' ? { error: `Movider: ${word}` } : {}),
    }
  },

  async balance(creds, opts): Promise<BalanceOutcome> {
    if (creds.provider !== 'movider') {
      return { ok: false, error: `movider adapter given ${creds.provider} credentials`, retryable: false, latencyMs: 0 }
    }
    const r = await call(
      joinUrl(providerBaseUrl('movider', creds.baseUrl), '/v1/balance'),
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form(balanceFields(creds)),
      },
      opts,
    )
    if (!r.ok) return { ok: false, error: r.error, retryable: true, latencyMs: r.latencyMs }
    const body = parseJson(r.text) as Record<string, unknown> | undefined
    const amount = Number(body?.amount)
    if (r.status === 200 && body && body.amount !== undefined && Number.isFinite(amount)) {
      return { ok: true, amount, currency: String(body.type ?? body.currency ?? 'USD'), latencyMs: r.latencyMs }
    }
    const outcome = isMoviderError(body) ? errorOutcome(body, r.status, r.headers, r.latencyMs) : byStatus(r, NAME)
    return {
      ok: false,
      error: outcome.kind === 'sent' ? '' : outcome.error,
      retryable: outcome.kind === 'retryable',
      httpStatus: r.status,
      latencyMs: r.latencyMs,
    }
  },
}
