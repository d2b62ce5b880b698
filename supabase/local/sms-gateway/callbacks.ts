/**
 * Delivery reports, sent the way each provider sends them, a moment after the send:
 * - Twilio: POST form to StatusCallback, once 'sent' and once 'delivered' (or 'undelivered' with
 *   ErrorCode 30003), signed with X-Twilio-Signature = Base64(HMAC-SHA1(auth token, URL + sorted
 *   name+value pairs)). Implemented here on its own, not imported from the app's verifier, so a
 *   mistake in one is caught by the other.
 * - Movider: a request to callback_url (GET query by default, POST form when callback_method=POST)
 *   with message_id, status, detail, message_price, sent_date, to.
 * - Semaphore: no reports; its status (GET /api/v4/messages/{id}) just moves on.
 */
import { createHmac } from 'node:crypto'
import { DEV_TWILIO_ACCOUNT_SID, DEV_TWILIO_AUTH_TOKEN } from './accounts'
import type { GatewayMessage, GatewayState } from './state'

export function signTwilio(authToken: string, url: string, fields: [string, string][]): string {
  const sorted = [...fields].sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
  let data = url
  for (const [k, v] of sorted) data += k + v
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64')
}

export class Callbacks {
  private timers = new Set<NodeJS.Timeout>()
  private pending = new Set<Promise<void>>()

  constructor(
    private state: GatewayState,
    private log: (m: string) => void,
  ) {}

  /** Runs the message's life: later states after the delay, each with its report. */
  schedule(message: GatewayMessage, finalState: 'DELIVERED' | 'FAILED', callbackMethod = 'GET'): void {
    const delay = this.state.callbackDelayMs
    const t = setTimeout(() => {
      this.timers.delete(t)
      const run = this.advance(message, finalState, callbackMethod).finally(() => this.pending.delete(run))
      this.pending.add(run)
    }, delay)
    this.timers.add(t)
  }

  private async advance(m: GatewayMessage, finalState: 'DELIVERED' | 'FAILED', method: string): Promise<void> {
    const ok = finalState === 'DELIVERED'
    if (m.provider === 'semaphore') {
      set(m, ok ? 'Sent' : 'Failed', finalState)
      return
    }
    if (m.provider === 'twilio') {
      set(m, 'sent', 'SENT')
      await this.twilio(m, [])
      set(m, ok ? 'delivered' : 'undelivered', finalState)
      await this.twilio(m, ok ? [] : [['ErrorCode', '30003']])
      return
    }
    set(m, ok ? 'DELIVERED' : 'UNDELIVERED', finalState)
    await this.movider(m, method)
  }

  private async twilio(m: GatewayMessage, extra: [string, string][]): Promise<void> {
    if (!m.callbackUrl) return
    const fields: [string, string][] = [
      ['AccountSid', DEV_TWILIO_ACCOUNT_SID],
      ['ApiVersion', '2010-04-01'],
      ['From', m.from ?? ''],
      ['MessageSid', m.id],
      ['MessageStatus', m.status],
      ['SmsSid', m.id],
      ['SmsStatus', m.status],
      ['To', m.to],
      ...extra,
    ]
    await this.post(m, m.callbackUrl, new URLSearchParams(fields).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signTwilio(DEV_TWILIO_AUTH_TOKEN, m.callbackUrl, fields),
      'user-agent': 'TwilioProxy/1.1',
    })
  }

  private async movider(m: GatewayMessage, method: string): Promise<void> {
    if (!m.callbackUrl) return
    const fields = new URLSearchParams({
      detail: m.status,
      message_id: m.id,
      message_price: String(m.price),
      sent_date: `${new Date().toISOString().replace('T', ' ').slice(0, 19)} +0000 UTC`,
      status: m.state === 'DELIVERED' ? 'OK' : 'FAIL',
      to: m.to.replace(/^\+/, ''),
    })
    if (method.toUpperCase() === 'POST') {
      await this.post(m, m.callbackUrl, fields.toString(), {
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'Go-http-client/2.0',
      })
    } else {
      const url = new URL(m.callbackUrl)
      for (const [k, v] of fields) url.searchParams.set(k, v)
      await this.post(m, url.toString(), undefined, { 'user-agent': 'Go-http-client/2.0' })
    }
  }

  private async post(m: GatewayMessage, url: string, body: string | undefined, headers: Record<string, string>) {
    const attempt = { url, status: m.status, at: new Date().toISOString() } as GatewayMessage['callbacks'][number]
    m.callbacks.push(attempt)
    try {
      const r = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(10_000),
      })
      attempt.httpStatus = r.status
      await r.arrayBuffer().catch(() => undefined)
      if (r.status >= 400) this.log(`callback to ${url} answered ${r.status}`)
    } catch (e) {
      attempt.error = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e)
      this.log(`callback to ${url} failed: ${attempt.error}`)
    }
  }

  /** Waits for reports in flight (tests), then cancels what is still scheduled. */
  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    await Promise.allSettled([...this.pending])
  }

  /** Resolves once nothing is scheduled or in flight. */
  async idle(): Promise<void> {
    while (this.timers.size > 0 || this.pending.size > 0) {
      await new Promise((r) => setTimeout(r, 10))
      await Promise.allSettled([...this.pending])
    }
  }
}

function set(m: GatewayMessage, status: string, state: GatewayMessage['state']): void {
  m.status = status
  m.state = state
  m.updatedAt = new Date().toISOString()
}
