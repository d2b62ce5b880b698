/**
 * A fake of Semaphore's API v4 (semaphore.co/docs): /api/v4/messages (send, list, one),
 * /api/v4/otp, /api/v4/account. The key travels as `apikey` in the query or body; refusals are
 * field → messages objects with HTTP 200, as Semaphore answers them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { DEV_SEMAPHORE_API_KEY } from './accounts'
import type { Callbacks } from './callbacks'
import type { GatewayMessage, GatewayState } from './state'
import { hold, json, parts, readParams, text } from './wire'

export interface ProviderDeps {
  state: GatewayState
  callbacks: Callbacks
  timers: Set<NodeJS.Timeout>
  log: (m: string) => void
}

const SENDER = /^[A-Za-z0-9 ]{1,11}$/

/** 09171234567 / 639171234567 / +639171234567 → +639171234567; undefined if not a PH mobile. */
function phMobile(raw: string): string | undefined {
  const d = raw.replace(/[\s-]/g, '')
  const m = /^(?:\+?63|0)(9\d{9})$/.exec(d)
  return m ? `+63${m[1]}` : undefined
}

function view(m: GatewayMessage) {
  return {
    message_id: Number(m.id),
    user_id: 1,
    user: 'dev@floorline.local',
    account_id: 1,
    account: 'Floorline local',
    recipient: m.to.replace(/^\+/, ''),
    message: m.body,
    sender_name: m.from ?? 'SEMAPHORE',
    network: 'Globe',
    status: m.status,
    type: 'Single',
    source: 'Api',
    created_at: m.createdAt.replace('T', ' ').slice(0, 19),
    updated_at: m.updatedAt.replace('T', ' ').slice(0, 19),
    ...(m.otpRoute && m.otp ? { code: Number(m.otp) } : {}),
  }
}

export async function handleSemaphore(req: IncomingMessage, res: ServerResponse, url: URL, d: ProviderDeps) {
  const p = await readParams(req, url)
  const path = url.pathname.replace(/\/+$/, '')
  if (p.get('apikey') !== DEV_SEMAPHORE_API_KEY) {
    return json(res, 200, {
      apikey: [p.get('apikey') ? 'The selected apikey is invalid.' : 'The apikey field is required.'],
    })
  }
  const sending = req.method === 'POST' && (path === '/api/v4/messages' || path === '/api/v4/otp')
  if (sending) {
    const fault = d.state.takeFault('semaphore')
    if (fault?.mode === 'timeout') return hold(res, fault.holdMs, d.timers)
    if (fault?.mode === '5xx') return text(res, 500, 'Server Error')
    if (fault?.mode === '429') {
      return text(res, 429, 'Too Many Attempts.', {
        'retry-after': String(fault.retryAfter),
        'x-ratelimit-limit': '120',
        'x-ratelimit-remaining': '0',
      })
    }
    if (fault?.mode === 'permanent') return json(res, 200, { number: ['The number format is invalid.'] })
    return send(res, p, path === '/api/v4/otp', fault?.mode === 'undelivered', d)
  }
  if (req.method === 'GET' && path === '/api/v4/account') {
    return json(res, 200, {
      account_id: 1,
      account_name: 'Floorline local',
      status: 'Active',
      credit_balance: d.state.balances.semaphore,
    })
  }
  if (req.method === 'GET' && path === '/api/v4/messages') {
    const mine = d.state.messages.filter((m) => m.provider === 'semaphore').reverse()
    const limit = Math.min(Number(p.get('limit') ?? 100) || 100, 1000)
    return json(res, 200, mine.slice(0, limit).map(view))
  }
  const one = /^\/api\/v4\/messages\/(\d+)$/.exec(path)
  if (req.method === 'GET' && one) {
    const m = d.state.find('semaphore', one[1])
    return json(res, 200, m ? [view(m)] : [])
  }
  return json(res, 404, {
    message: `Not found: ${req.method} ${path} (the fake Semaphore speaks /api/v4/messages, /otp, /account)`,
  })
}

function send(res: ServerResponse, p: URLSearchParams, otp: boolean, undelivered: boolean, d: ProviderDeps) {
  const numbers = (p.get('number') ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
  const message = p.get('message') ?? ''
  const sender = p.get('sendername') || null
  if (numbers.length === 0) return json(res, 200, { number: ['The number field is required.'] })
  if (numbers.length > 1000) return json(res, 200, { number: ['You may send to at most 1000 numbers at a time.'] })
  const to = numbers.map(phMobile)
  if (to.some((n) => !n)) return json(res, 200, { number: ['The number format is invalid.'] })
  if (!message.trim()) return json(res, 200, { message: ['The message field is required.'] })
  if (sender && !SENDER.test(sender)) return json(res, 200, { sendername: ['The selected sendername is invalid.'] })
  const code = otp ? p.get('code') || String(Math.floor(100000 + Math.random() * 900000)) : undefined
  const body = code ? message.replaceAll('{otp}', code) : message
  const perPart = otp ? 2 : 1
  const cost = parts(body) * perPart * to.length
  if (d.state.balances.semaphore < cost) {
    return json(res, 200, [
      `Your current balance of ${d.state.balances.semaphore} credits is insufficient. This transaction requires ${cost} credits.`,
    ])
  }
  d.state.balances.semaphore -= cost
  const sent = to.map((number) => {
    const m = d.state.record(
      {
        provider: 'semaphore',
        id: String(100000 + d.state.nextSeq()),
        to: number as string,
        from: sender ?? 'SEMAPHORE',
        body,
        status: 'Pending',
        state: 'SENT',
        segments: parts(body),
        price: parts(body) * perPart,
        callbackUrl: null,
      },
      code,
    )
    d.log(`semaphore → ${m.to}: ${m.body}`)
    // a text starting with TEST is accepted and silently never sent (Semaphore's documentation)
    const dropped = /^\s*test\b/i.test(body)
    d.callbacks.schedule(m, undelivered || dropped ? 'FAILED' : 'DELIVERED')
    return view(m)
  })
  return json(res, 200, sent)
}
