/**
 * The local stack's fake SMS gateway (supabase/local/sms-gateway) against the app's adapters
 * (lib/sms/providers): each adapter round-trips at the provider's real paths with the development
 * credentials, delivery reports arrive (Twilio's signed as Twilio signs, verified by the adapter),
 * and injected failures come back classified as the adapters classify the real ones.
 */
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { providers } from '../../lib/sms/providers'
import type {
  MoviderCredentials,
  ParsedCallback,
  SemaphoreCredentials,
  TwilioCredentials,
} from '../../lib/sms/providers/types'
import * as dev from '../../supabase/local/sms-gateway/accounts'
import { startTestStack, type TestStack } from './harness'

let t: TestStack
let hook: Server
let hookUrl: string
let reports: { path: string; method: string; url: string; headers: Headers; body: string }[] = []

let SEM: SemaphoreCredentials
let TW: TwilioCredentials
let MV: MoviderCredentials

const PH = '+639171234567'

async function control(method: string, path: string, body?: unknown) {
  const r = await fetch(`${t.url}/sms/v1/${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  })
  return { status: r.status, body: await r.json() }
}

async function outbox(to?: string) {
  return (await control('GET', `outbox${to ? `?to=${encodeURIComponent(to)}` : ''}`)).body.messages as Array<
    Record<string, unknown>
  >
}

const idle = () => control('GET', 'idle')

beforeAll(async () => {
  t = await startTestStack()
  hook = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const headers = new Headers()
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
      reports.push({
        path: new URL(req.url ?? '/', hookUrl).pathname,
        method: req.method ?? '',
        url: `${hookUrl}${req.url}`,
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
      })
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()))
  const address = hook.address()
  hookUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  SEM = { provider: 'semaphore', apiKey: dev.DEV_SEMAPHORE_API_KEY, sender: 'FLOORLINE', baseUrl: t.url }
  TW = {
    provider: 'twilio',
    accountSid: dev.DEV_TWILIO_ACCOUNT_SID,
    authToken: dev.DEV_TWILIO_AUTH_TOKEN,
    sender: dev.DEV_TWILIO_FROM,
    baseUrl: t.url,
  }
  MV = { provider: 'movider', apiKey: dev.DEV_MOVIDER_API_KEY, apiSecret: dev.DEV_MOVIDER_API_SECRET, baseUrl: t.url }
})

afterAll(async () => {
  await new Promise<void>((r) => hook?.close(() => r()))
  await t?.close()
})

beforeEach(async () => {
  reports = []
  await control('POST', 'reset')
  await control('POST', 'settings', { callbackDelayMs: 0 })
})

describe('round trips', () => {
  it('Semaphore: send, read it in the outbox, poll it to delivered, credits spent', async () => {
    const out = await providers.semaphore.send({ messageId: 'm1', to: PH, body: 'Your order B-1042 is ready.' }, SEM)
    expect(out).toMatchObject({ kind: 'sent', providerStatus: 'Pending', currency: 'credits' })
    if (out.kind !== 'sent') return
    const [m] = await outbox(PH)
    expect(m).toMatchObject({ provider: 'semaphore', id: out.providerMessageId, to: PH, from: 'FLOORLINE' })
    await idle()
    expect(await providers.semaphore.fetchStatus?.(out.providerMessageId, SEM)).toMatchObject({
      ok: true,
      status: 'DELIVERED',
      providerStatus: 'Sent',
    })
    expect(await providers.semaphore.balance?.(SEM)).toMatchObject({
      ok: true,
      amount: dev.START_BALANCE.semaphore - 1,
    })
  })

  it('Semaphore OTP: our code replaces {otp} and shows in the outbox', async () => {
    const out = await providers.semaphore.sendOtp?.(
      { messageId: 'o1', to: PH, body: 'Your Floorline code is {otp}. It expires in 10 minutes.', code: '482913' },
      SEM,
    )
    expect(out?.kind).toBe('sent')
    const [m] = await outbox(PH)
    expect(m).toMatchObject({ body: 'Your Floorline code is 482913. It expires in 10 minutes.', otp: '482913' })
    // Semaphore's answers carry `code` for the OTP route only
    const [listed] = await (await fetch(`${t.url}/api/v4/messages?apikey=${dev.DEV_SEMAPHORE_API_KEY}`)).json()
    expect(listed).toMatchObject({ code: 482913 })
    await providers.semaphore.send({ messageId: 'o2', to: PH, body: 'Pickup code 7788 at the counter' }, SEM)
    const [plain] = await (await fetch(`${t.url}/api/v4/messages?apikey=${dev.DEV_SEMAPHORE_API_KEY}`)).json()
    expect(plain).not.toHaveProperty('code')
    expect((await outbox(PH))[0]).toMatchObject({ otp: '7788' })
  })

  it('Twilio: send with a StatusCallback; sent and delivered reports arrive signed and verify', async () => {
    const cb = `${hookUrl}/api/sms/status/twilio?org=o1`
    const out = await providers.twilio.send(
      { messageId: 'm2', to: '+15558675310', body: 'Ready.', statusCallbackUrl: cb },
      TW,
    )
    expect(out).toMatchObject({ kind: 'sent', providerStatus: 'queued' })
    if (out.kind !== 'sent') return
    expect(out.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/)
    await idle()
    const parsed = reports.map((r) => providers.twilio.parseStatusCallback(r, TW))
    expect(parsed).toEqual([
      { ok: true, providerMessageId: out.providerMessageId, status: 'SENT', providerStatus: 'sent' },
      { ok: true, providerMessageId: out.providerMessageId, status: 'DELIVERED', providerStatus: 'delivered' },
    ])
    // a forged report (another token) and a replay to another URL do not verify
    const forged = providers.twilio.parseStatusCallback(reports[1], { ...TW, authToken: 'x'.repeat(32) })
    expect(forged.ok).toBe(false)
    expect(providers.twilio.parseStatusCallback({ ...reports[1], url: `${cb}&org=o2` }, TW).ok).toBe(false)
    expect(await providers.twilio.fetchStatus?.(out.providerMessageId, TW)).toMatchObject({
      ok: true,
      status: 'DELIVERED',
    })
    expect(await providers.twilio.balance?.(TW)).toMatchObject({ ok: true, currency: 'USD' })
  })

  it('Movider: send with a callback URL; the POSTed report parses as delivered', async () => {
    const cb = `${hookUrl}/api/sms/status/movider?secret=s1`
    const out = await providers.movider.send({ messageId: 'm3', to: PH, body: 'Ready.', statusCallbackUrl: cb }, MV)
    expect(out).toMatchObject({ kind: 'sent', currency: 'USD', costMicros: 14063 })
    if (out.kind !== 'sent') return
    await idle()
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({ method: 'POST', path: '/api/sms/status/movider' })
    expect(providers.movider.parseStatusCallback(reports[0], MV)).toEqual<ParsedCallback>({
      ok: true,
      providerMessageId: out.providerMessageId,
      status: 'DELIVERED',
      providerStatus: 'DELIVERED',
    })
    const balance = await providers.movider.balance?.(MV)
    expect(balance).toMatchObject({ ok: true, currency: 'USD' })
    if (balance?.ok) expect(balance.amount).toBeCloseTo(dev.START_BALANCE.movider - 0.0140625, 6)
  })

  it('refuses wrong credentials the way each provider does', async () => {
    const msg = { messageId: 'm4', to: PH, body: 'Hi' }
    expect(await providers.semaphore.send(msg, { ...SEM, apiKey: 'nope' })).toMatchObject({
      kind: 'permanent',
      error: expect.stringMatching(/apikey is invalid/),
    })
    expect(await providers.twilio.send(msg, { ...TW, authToken: 'nope' })).toMatchObject({
      kind: 'permanent',
      providerCode: '20003',
      httpStatus: 401,
    })
    expect(await providers.movider.send(msg, { ...MV, apiSecret: 'nope' })).toMatchObject({
      kind: 'permanent',
      httpStatus: 401,
    })
    expect(await outbox()).toEqual([])
  })

  it('validates like the providers: Semaphore takes Philippine mobiles only, Twilio needs E.164', async () => {
    const r = await fetch(`${t.url}/api/v4/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ apikey: dev.DEV_SEMAPHORE_API_KEY, number: '14155552671', message: 'Hi' }),
    })
    expect(await r.json()).toEqual({ number: ['The number format is invalid.'] })
    expect(await providers.twilio.send({ messageId: 'm5', to: '+1', body: 'Hi' }, TW)).toMatchObject({
      kind: 'permanent',
      providerCode: '21211',
    })
  })
})

describe('injected failures', () => {
  const creds = () => ({ semaphore: SEM, twilio: TW, movider: MV })
  const names = ['semaphore', 'twilio', 'movider'] as const
  const msg = { messageId: 'f1', to: PH, body: 'Your order is ready.' }

  it.each(names)('%s: a timeout is retryable, and only the told number of requests fail', async (name) => {
    await control('POST', 'faults', { provider: name, mode: 'timeout', times: 1, holdMs: 5000 })
    const out = await providers[name].send(msg, creds()[name], { timeoutMs: 150 })
    expect(out).toMatchObject({ kind: 'retryable', error: 'No answer within 150 ms' })
    expect((await providers[name].send(msg, creds()[name])).kind).toBe('sent')
  })

  it.each(names)('%s: 5xx is retryable', async (name) => {
    await control('POST', 'faults', { provider: name, mode: '5xx' })
    expect(await providers[name].send(msg, creds()[name])).toMatchObject({ kind: 'retryable' })
    expect(await providers[name].send(msg, creds()[name])).toMatchObject({ kind: 'retryable' })
    await control('DELETE', 'faults')
    expect((await providers[name].send(msg, creds()[name])).kind).toBe('sent')
  })

  it.each(names)('%s: 429 is retryable after the Retry-After it was given', async (name) => {
    await control('POST', 'faults', { provider: name, mode: '429', retryAfter: 9, times: 1 })
    expect(await providers[name].send(msg, creds()[name])).toMatchObject({
      kind: 'retryable',
      httpStatus: 429,
      retryAfterSeconds: 9,
    })
  })

  it.each(names)('%s: a permanent error is permanent', async (name) => {
    await control('POST', 'faults', { provider: name, mode: 'permanent', times: 1 })
    expect(await providers[name].send(msg, creds()[name])).toMatchObject({ kind: 'permanent' })
    expect(await outbox()).toEqual([])
  })

  it('undelivered: accepted, then reported as failed (Twilio with error 30003, Movider, Semaphore on polling)', async () => {
    for (const name of names) await control('POST', 'faults', { provider: name, mode: 'undelivered', times: 1 })
    const tw = await providers.twilio.send({ ...msg, statusCallbackUrl: `${hookUrl}/tw` }, TW)
    const mv = await providers.movider.send({ ...msg, statusCallbackUrl: `${hookUrl}/mv` }, MV)
    const sem = await providers.semaphore.send(msg, SEM)
    await idle()
    const twLast = reports.filter((r) => r.path === '/tw').at(-1)
    const mvLast = reports.find((r) => r.path === '/mv')
    expect(twLast && providers.twilio.parseStatusCallback(twLast, TW)).toMatchObject({
      ok: true,
      status: 'FAILED',
      error: 'Twilio error 30003',
    })
    expect(mvLast && providers.movider.parseStatusCallback(mvLast, MV)).toMatchObject({ ok: true, status: 'FAILED' })
    if (sem.kind === 'sent' && tw.kind === 'sent' && mv.kind === 'sent') {
      expect(await providers.semaphore.fetchStatus?.(sem.providerMessageId, SEM)).toMatchObject({ status: 'FAILED' })
    } else {
      throw new Error('all three sends should have been accepted')
    }
  })

  it('failover shape: Semaphore times out, Twilio delivers the same text', async () => {
    await control('POST', 'faults', { provider: 'semaphore', mode: 'timeout', holdMs: 5000 })
    const first = await providers.semaphore.send(msg, SEM, { timeoutMs: 100 })
    expect(first.kind).toBe('retryable')
    const second = await providers.twilio.send(msg, TW)
    expect(second.kind).toBe('sent')
    expect((await outbox(PH)).map((m) => m.provider)).toEqual(['twilio'])
  })

  it('refuses a malformed fault with a reason', async () => {
    expect(await control('POST', 'faults', { provider: 'nexmo', mode: '5xx' })).toMatchObject({ status: 400 })
    expect(await control('POST', 'faults', { provider: 'twilio', mode: 'explode' })).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/mode must be one of/) },
    })
    expect(await control('POST', 'faults', { provider: 'twilio', mode: '429', retryAfter: -1 })).toMatchObject({
      status: 400,
    })
  })
})

describe('the outbox for developers', () => {
  it('filters by number, newest first, and serves a page to a browser', async () => {
    await providers.semaphore.send({ messageId: 'a', to: PH, body: 'first' }, SEM)
    await providers.semaphore.send({ messageId: 'b', to: PH, body: 'second' }, SEM)
    await providers.movider.send({ messageId: 'c', to: '+639181234567', body: 'other <b>' }, MV)
    expect((await outbox(PH)).map((m) => m.body)).toEqual(['second', 'first'])
    const page = await fetch(`${t.url}/sms/v1/outbox`, { headers: { accept: 'text/html' } })
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    const html = await page.text()
    expect(html).toContain('other &#60;b&#62;')
    expect(html).not.toContain('other <b>')
  })

  it('names the development credentials', async () => {
    expect((await control('GET', 'accounts')).body).toMatchObject({
      twilio: { accountSid: dev.DEV_TWILIO_ACCOUNT_SID, authToken: dev.DEV_TWILIO_AUTH_TOKEN },
    })
  })
})
