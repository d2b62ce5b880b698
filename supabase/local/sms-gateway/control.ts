/**
 * The gateway's own endpoints (not any provider's), under /sms/v1, for developers and tests:
 *   GET    /sms/v1/outbox[?to=&provider=&limit=]  the texts "delivered", newest first (JSON, or a
 *                                                  page when a browser asks for text/html)
 *   DELETE /sms/v1/outbox                          forget them
 *   GET    /sms/v1/faults                          injected failures and the report delay
 *   POST   /sms/v1/faults {provider, mode, times?, retryAfter?, holdMs?}   inject (mode null: clear)
 *   DELETE /sms/v1/faults                          clear every injected failure
 *   POST   /sms/v1/settings {callbackDelayMs}      how long before delivery reports go out
 *   POST   /sms/v1/reset                           outbox, faults and balances back to the start
 *   GET    /sms/v1/idle                            answers once no delivery report is pending
 *   GET    /sms/v1/accounts                        the development credentials each provider accepts
 *   POST   /sms/v1/inbound {provider, url, from, body}  a reply from a phone, posted to url as the
 *                                                  provider posts it (inbound.ts); answers what url said
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError, readJson } from '../http'
import * as accounts from './accounts'
import type { Callbacks } from './callbacks'
import { postInbound } from './inbound'
import {
  FAULT_MODES,
  type FaultMode,
  GATEWAY_PROVIDERS,
  type GatewayMessage,
  type GatewayProvider,
  type GatewayState,
} from './state'
import { json } from './wire'

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  state: GatewayState,
  callbacks: Callbacks,
): Promise<void> {
  const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`
  switch (route) {
    case 'GET /sms/v1/outbox':
      return outbox(req, res, url, state)
    case 'DELETE /sms/v1/outbox':
      state.messages = []
      return json(res, 200, { messages: [] })
    case 'GET /sms/v1/faults':
      return json(res, 200, faults(state))
    case 'POST /sms/v1/faults':
      inject(state, await readJson(req))
      return json(res, 200, faults(state))
    case 'DELETE /sms/v1/faults':
      state.faults.clear()
      return json(res, 200, faults(state))
    case 'POST /sms/v1/settings': {
      const body = (await readJson(req)) as { callbackDelayMs?: unknown } | undefined
      const delay = Number(body?.callbackDelayMs)
      if (!Number.isInteger(delay) || delay < 0 || delay > 600_000) {
        throw new HttpError(400, { message: 'callbackDelayMs must be a whole number of milliseconds, 0..600000' })
      }
      state.callbackDelayMs = delay
      return json(res, 200, faults(state))
    }
    case 'POST /sms/v1/reset':
      state.reset()
      return json(res, 200, faults(state))
    case 'GET /sms/v1/idle':
      await callbacks.idle()
      return json(res, 200, { idle: true })
    case 'POST /sms/v1/inbound':
      return json(res, 200, await postInbound(await readJson(req)))
    case 'GET /sms/v1/accounts':
      return json(res, 200, {
        semaphore: { apiKey: accounts.DEV_SEMAPHORE_API_KEY },
        twilio: {
          accountSid: accounts.DEV_TWILIO_ACCOUNT_SID,
          authToken: accounts.DEV_TWILIO_AUTH_TOKEN,
          from: accounts.DEV_TWILIO_FROM,
        },
        movider: { apiKey: accounts.DEV_MOVIDER_API_KEY, apiSecret: accounts.DEV_MOVIDER_API_SECRET },
      })
    default:
      throw new HttpError(404, {
        message: `${route} is not a fake SMS gateway endpoint (see supabase/local/sms-gateway/control.ts)`,
      })
  }
}

function faults(state: GatewayState) {
  return { faults: Object.fromEntries(state.faults), callbackDelayMs: state.callbackDelayMs, balances: state.balances }
}

function inject(state: GatewayState, body: unknown): void {
  const b = (body ?? {}) as Record<string, unknown>
  const provider = b.provider as GatewayProvider
  if (!GATEWAY_PROVIDERS.includes(provider)) {
    throw new HttpError(400, { message: `provider must be one of ${GATEWAY_PROVIDERS.join(', ')}` })
  }
  if (b.mode === null || b.mode === undefined) {
    state.faults.delete(provider)
    return
  }
  if (!FAULT_MODES.includes(b.mode as FaultMode)) {
    throw new HttpError(400, { message: `mode must be one of ${FAULT_MODES.join(', ')} (or null to clear)` })
  }
  const whole = (v: unknown, name: string, max: number): number | undefined => {
    if (v === undefined || v === null) return undefined
    const n = Number(v)
    if (!Number.isInteger(n) || n < 0 || n > max)
      throw new HttpError(400, { message: `${name} must be a whole number 0..${max}` })
    return n
  }
  state.faults.set(provider, {
    mode: b.mode as FaultMode,
    remaining: whole(b.times, 'times', 1_000_000),
    retryAfter: whole(b.retryAfter, 'retryAfter', 86_400) ?? 1,
    holdMs: whole(b.holdMs, 'holdMs', 600_000) ?? 30_000,
  })
}

function outbox(req: IncomingMessage, res: ServerResponse, url: URL, state: GatewayState): void {
  const to = url.searchParams.get('to')
  const provider = url.searchParams.get('provider')
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 200) || 200, 5000)
  const messages = state.messages
    .filter(
      (m) => (!to || m.to === to || m.to === `+${to.replace(/^\+/, '')}`) && (!provider || m.provider === provider),
    )
    .slice()
    .reverse()
    .slice(0, limit)
  if ((req.headers.accept ?? '').includes('text/html')) page(res, messages)
  else json(res, 200, { messages })
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(res: ServerResponse, messages: GatewayMessage[]): void {
  const rows = messages
    .map(
      (m) =>
        `<tr><td>${esc(m.createdAt.slice(11, 19))}</td><td>${esc(m.provider)}</td><td>${esc(m.to)}</td><td>${esc(m.from ?? '')}</td><td>${esc(m.body)}</td><td><b>${esc(m.otp ?? '')}</b></td><td>${esc(m.status)}</td></tr>`,
    )
    .join('')
  const html = `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Fake SMS outbox</title>
<style>body{font:14px system-ui;margin:2rem}td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}</style>
<h1>Fake SMS outbox</h1><p>What the local stack's fake gateway "delivered" (newest first, refreshes every 5 s). JSON: <code>curl -s ${'$'}STACK/sms/v1/outbox</code></p>
<table><tr><th>time (UTC)</th><th>provider</th><th>to</th><th>from</th><th>text</th><th>code</th><th>status</th></tr>${rows || '<tr><td colspan="7">Nothing sent yet.</td></tr>'}</table>`
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
  res.end(html)
}
