/**
 * Semaphore (semaphore.co), Philippine numbers only. API v4, form or query parameters, the API key
 * as `apikey` in the request (no header auth):
 *   POST /api/v4/messages   apikey, number, message, sendername → 200 [{message_id, status, …}]
 *   POST /api/v4/otp        same + code; the message's "{otp}" is replaced by the code (priority route)
 *   GET  /api/v4/messages/{id}?apikey=…  → [{message_id, status, …}]
 *   GET  /api/v4/account?apikey=…        → {account_id, account_name, status, credit_balance}
 * Status words: Queued / Pending (accepted), Sent (handed to the network: Semaphore's final
 * success), Failed, Refunded (failed, credits returned).
 * Refusals come back as a JSON object of field → messages, often with HTTP 200, e.g.
 * {"number":["The number format is invalid."]} or {"sendername":["The selected sendername is invalid."]};
 * rate limits as 429 with Retry-After (120 sends per minute).
 * Semaphore posts no delivery reports: fetchStatus polls. Cost: 1 credit per 160-character part
 * (2 on the OTP/priority route); the response carries none, so it is estimated from the parts.
 */
import { segmentInfo } from '../segments'
import { providerBaseUrl } from './config'
import { byStatus, call, form, joinUrl, noResponse, parseJson, wrongProvider } from './http'
import type {
  BalanceOutcome,
  CallbackRequest,
  OtpSendRequest,
  ParsedCallback,
  ProviderCredentials,
  SemaphoreCredentials,
  SendOptions,
  SendOutcome,
  SendRequest,
  SmsProvider,
} from './types'

const NAME = 'Semaphore'

interface SemaphoreMessage {
  message_id: number | string
  status: string
  recipient?: string
  code?: number | string
}

function isMessageList(body: unknown): body is SemaphoreMessage[] {
  return (
    Array.isArray(body) &&
    body.length > 0 &&
    body.every((m) => typeof m === 'object' && m !== null && 'message_id' in m && 'status' in m)
  )
}

/** {"field": ["why", …]} or ["why"] or "why" → one sentence, plus the field that failed. */
function refusal(body: unknown): { field?: string; message: string } | undefined {
  if (typeof body === 'string' && body.trim()) return { message: body.trim() }
  if (Array.isArray(body) && body.every((x) => typeof x === 'string') && body.length > 0) {
    return { message: body.join(' ') }
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const entries = Object.entries(body as Record<string, unknown>)
    const messages = entries.flatMap(([field, v]) =>
      (Array.isArray(v) ? v : [v]).filter((x) => typeof x === 'string').map((m) => ({ field, m: m as string })),
    )
    if (messages.length > 0) return { field: messages[0].field, message: messages.map((x) => x.m).join(' ') }
  }
  return undefined
}

/** Semaphore wants the national-significant form with the country code and no '+': 639171234567. */
function semaphoreNumber(e164: string): string {
  return e164.replace(/^\+/, '')
}

async function post(
  path: '/api/v4/messages' | '/api/v4/otp',
  fields: Record<string, string | undefined>,
  req: SendRequest,
  creds: ProviderCredentials,
  opts: SendOptions | undefined,
  creditsPerPart: number,
): Promise<SendOutcome> {
  if (creds.provider !== 'semaphore') return wrongProvider('semaphore', creds.provider)
  if (!semaphore.canDeliverTo(req.to)) {
    return {
      kind: 'permanent',
      error: `Semaphore delivers to Philippine numbers (+63) only, not ${req.to}`,
      latencyMs: 0,
    }
  }
  if (/^\s*test\b/i.test(req.body)) {
    // Semaphore's documentation: such messages are "silently ignored and will not be sent"
    return {
      kind: 'permanent',
      error: 'Semaphore silently drops messages that start with the word "TEST"; reword the start',
      latencyMs: 0,
    }
  }
  const r = await call(
    joinUrl(providerBaseUrl('semaphore', creds.baseUrl), path),
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form({ apikey: creds.apiKey, number: semaphoreNumber(req.to), sendername: creds.sender, ...fields }),
    },
    opts,
  )
  if (!r.ok) return noResponse(r)
  const body = parseJson(r.text)
  if (r.status === 429 || r.status >= 500) return byStatus(r, NAME, refusal(body)?.message)
  if (r.status >= 200 && r.status < 300 && isMessageList(body)) {
    const m = body[0]
    if (/^(failed|refunded)$/i.test(m.status)) {
      return {
        kind: 'permanent',
        error: `Semaphore marked the message ${m.status}`,
        httpStatus: r.status,
        latencyMs: r.latencyMs,
      }
    }
    return {
      kind: 'sent',
      providerMessageId: String(m.message_id),
      providerStatus: m.status,
      costMicros: segmentInfo(req.body).segments * creditsPerPart * 1_000_000,
      currency: 'credits',
      latencyMs: r.latencyMs,
    }
  }
  const why = refusal(body)
  if (why) return classifyRefusal(why, r.status, r.latencyMs)
  return byStatus(r, NAME)
}

function classifyRefusal(why: { field?: string; message: string }, httpStatus: number, latencyMs: number): SendOutcome {
  const text = why.message
  // an empty account is the account's state, not the message's: another provider may deliver it
  if (/credit|balance|insufficient/i.test(text) && why.field !== 'number') {
    return { kind: 'retryable', error: `Semaphore: ${text}`, httpStatus, providerCode: why.field, latencyMs }
  }
  if (/too many|rate limit|throttl/i.test(text)) {
    return { kind: 'retryable', error: `Semaphore: ${text}`, httpStatus, providerCode: why.field, latencyMs }
  }
  const prefix = why.field === 'apikey' ? 'Semaphore refused the API key: ' : 'Semaphore: '
  return { kind: 'permanent', error: prefix + text, httpStatus, providerCode: why.field, latencyMs }
}

export function semaphoreStatus(word: string): 'SENT' | 'DELIVERED' | 'FAILED' | undefined {
  if (/^(queued|pending)$/i.test(word)) return 'SENT'
  if (/^sent$/i.test(word)) return 'DELIVERED'
  if (/^(failed|refunded|rejected|expired)$/i.test(word)) return 'FAILED'
  return undefined
}

export const semaphore: SmsProvider = {
  name: 'semaphore',

  canDeliverTo(e164) {
    // Philippine mobile numbers: +63 9XX XXX XXXX
    return /^\+639\d{9}$/.test(e164)
  },

  send(req, creds, opts) {
    return post('/api/v4/messages', { message: req.body }, req, creds, opts, 1)
  },

  sendOtp(req: OtpSendRequest, creds, opts) {
    if (!req.body.includes('{otp}')) {
      return Promise.resolve({
        kind: 'permanent',
        error: 'An OTP text for Semaphore must contain {otp} where the code goes',
        latencyMs: 0,
      })
    }
    return post('/api/v4/otp', { message: req.body, code: req.code }, req, creds, opts, 2)
  },

  parseStatusCallback(_req: CallbackRequest): ParsedCallback {
    return { ok: false, reason: 'Semaphore posts no delivery reports; poll fetchStatus instead' }
  },

  async fetchStatus(providerMessageId, creds, opts): Promise<ParsedCallback> {
    if (creds.provider !== 'semaphore')
      return { ok: false, reason: `semaphore adapter given ${creds.provider} credentials` }
    const url = new URL(
      joinUrl(providerBaseUrl('semaphore', creds.baseUrl), `/api/v4/messages/${encodeURIComponent(providerMessageId)}`),
    )
    url.searchParams.set('apikey', creds.apiKey)
    const r = await call(url.toString(), { method: 'GET', headers: { accept: 'application/json' } }, opts)
    if (!r.ok) return { ok: false, reason: r.error }
    const body = parseJson(r.text)
    const list = isMessageList(body)
      ? body
      : body && typeof body === 'object' && 'message_id' in body
        ? [body as SemaphoreMessage]
        : []
    const m = list.find((x) => String(x.message_id) === providerMessageId)
    if (!m)
      return {
        ok: false,
        reason: refusal(body)?.message ?? `Semaphore has no message ${providerMessageId} (HTTP ${r.status})`,
      }
    const status = semaphoreStatus(m.status)
    if (!status) return { ok: false, reason: `Unknown Semaphore status '${m.status}'` }
    return {
      ok: true,
      providerMessageId,
      status,
      providerStatus: m.status,
      ...(status === 'FAILED' ? { error: `Semaphore marked the message ${m.status}` } : {}),
    }
  },

  async balance(creds: ProviderCredentials, opts): Promise<BalanceOutcome> {
    if (creds.provider !== 'semaphore') {
      return {
        ok: false,
        error: `semaphore adapter given ${creds.provider} credentials`,
        retryable: false,
        latencyMs: 0,
      }
    }
    const c: SemaphoreCredentials = creds
    const url = new URL(joinUrl(providerBaseUrl('semaphore', c.baseUrl), '/api/v4/account'))
    url.searchParams.set('apikey', c.apiKey)
    const r = await call(url.toString(), { method: 'GET', headers: { accept: 'application/json' } }, opts)
    if (!r.ok) return { ok: false, error: r.error, retryable: true, latencyMs: r.latencyMs }
    const body = parseJson(r.text) as { credit_balance?: number | string } | undefined
    const amount = Number(body?.credit_balance)
    if (r.status === 200 && body && body.credit_balance !== undefined && Number.isFinite(amount)) {
      return { ok: true, amount, currency: 'credits', latencyMs: r.latencyMs }
    }
    const outcome = byStatus(r, NAME, refusal(body)?.message)
    return {
      ok: false,
      error: outcome.kind === 'sent' ? '' : outcome.error,
      retryable: outcome.kind === 'retryable',
      httpStatus: r.status,
      latencyMs: r.latencyMs,
    }
  },
}
