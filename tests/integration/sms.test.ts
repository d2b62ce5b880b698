/**
 * SMS end to end against the local stack's fake gateway (supabase/local/sms-gateway), with the real
 * migrations and demo seed (Aurora texts through Semaphore, then Twilio, then Movider): the send
 * route queues, the worker sends after the response, delivery reports come back through the status
 * route (served on a loopback port here, as the app would serve it), failover, permanent failures,
 * a restart between commit and send, forged and replayed reports, and the cron route.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TestStack } from '../stack/harness'
import { AURORA, signIn, startAppStack } from './helpers'

vi.mock('server-only', () => ({}))
const { smsSendRoute } = await import('../../lib/sms/api/send')
const { smsStatusRoute } = await import('../../lib/sms/api/status')
const { smsCronRoute } = await import('../../lib/sms/api/cron')
const { smsOtpRoute } = await import('../../lib/sms/api/otp')
const { twilioSignature } = await import('../../lib/sms/providers/twilio-signature')
const { DEV_TWILIO_AUTH_TOKEN } = await import('../../supabase/local/sms-gateway/accounts')

let t: TestStack
let app: Server
let origin: string
let token: string
let pending: Promise<unknown>[] = []
const CRON_SECRET = 'test-cron-secret-0123456789'
const CALLBACK_KEY = 'demo-sms-callback-secret-aurora-0000000001' // the seed's (public, demo)

const deps = () => ({
  admin: () => t.service() as never,
  later: (task: () => Promise<unknown>) => void pending.push(task()),
})

beforeAll(async () => {
  t = await startAppStack()
  process.env.NEXT_PUBLIC_SUPABASE_URL = t.url
  process.env.SUPABASE_SERVICE_ROLE_KEY = t.cfg.serviceRoleKey
  process.env.SMS_GATEWAY_URL = t.url
  process.env.SMS_PROVIDER_TIMEOUT_MS = '1500'
  process.env.SMS_CRON_SECRET = CRON_SECRET
  await gateway('POST', '/sms/v1/settings', { callbackDelayMs: 20 })
  // the app's status route on a real port, so the gateway's reports reach it as they would in production
  const status = smsStatusRoute(() => t.service() as never)
  app = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const url = `${origin}${req.url}`
    const provider = new URL(url).pathname.split('/').at(-1) ?? ''
    const headers = new Headers()
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
    const response = await status(
      new Request(url, {
        method: req.method,
        headers,
        body: req.method === 'GET' ? undefined : Buffer.concat(chunks),
      }),
      { params: Promise.resolve({ provider }) },
    )
    res.writeHead(response.status, { 'content-type': 'application/json' })
    res.end(await response.text())
  })
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r))
  origin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
  process.env.SMS_CALLBACK_ORIGIN = origin
  const manager = await signIn(t, 'manager@aurora.test')
  token = (await manager.auth.getSession()).data.session?.access_token ?? ''
}, 120_000)

afterAll(async () => {
  await new Promise((r) => app?.close(r))
  await t?.close()
})

beforeEach(async () => {
  pending = []
  await gateway('POST', '/sms/v1/reset')
  await gateway('POST', '/sms/v1/settings', { callbackDelayMs: 20 })
})

async function gateway(method: string, path: string, body?: unknown) {
  const r = await fetch(`${t.url}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  })
  return r.headers.get('content-type')?.includes('json') ? r.json() : r.text()
}

type Outbox = {
  messages: { provider: string; id: string; to: string; body: string; otp: string | null; state: string }[]
}
const outbox = async (to?: string) =>
  ((await gateway('GET', `/sms/v1/outbox${to ? `?to=${encodeURIComponent(to)}` : ''}`)) as Outbox).messages

async function send(body: Record<string, unknown>) {
  const route = smsSendRoute(deps())
  const res = await route(
    new Request(`${origin}/api/sms/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ org_id: AURORA, ...body }),
    }),
  )
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { message?: { id: string } } }
}

/** The worker's run after the response, then the gateway's delivery reports. */
async function settle() {
  await Promise.all(pending)
  await gateway('GET', '/sms/v1/idle')
}

const row = async (id: string) => {
  const [m] = await t.sql<{ status: string; provider: string | null; error: string | null; attempts: number }>(
    'select status, provider, error, attempts::int as attempts from public.sms_messages where id = $1',
    [id],
  )
  return { ...m, attempts: Number(m?.attempts) }
}
const attempts = (id: string) =>
  t.sql<{ provider: string; outcome: string; error: string | null }>(
    'select provider, outcome, error from public.sms_attempts where message_id = $1 order by attempt_no',
    [id],
  )

async function cron() {
  const res = await smsCronRoute(() => t.service() as never)(
    new Request(`${origin}/api/sms/cron`, { method: 'POST', headers: { authorization: `Bearer ${CRON_SECRET}` } }),
  )
  return { status: res.status, body: (await res.json()) as Record<string, number> }
}

describe('sending', () => {
  it('queues, sends after the response and turns DELIVERED on the provider’s report', async () => {
    const r = await send({ to: '+1 415 555 2671', body: 'Your headphones are ready' })
    expect(r.status).toBe(201)
    const id = r.body.message?.id ?? ''
    expect((await row(id)).status).toBe('PENDING')
    await settle()
    expect(await row(id)).toMatchObject({ status: 'DELIVERED', provider: 'twilio' })
    // Semaphore reaches +63 only: skipped with the reason, then Twilio
    expect(await attempts(id)).toMatchObject([
      { provider: 'semaphore', outcome: 'skipped', error: expect.stringContaining('+63') },
      { provider: 'twilio', outcome: 'sent' },
    ])
    expect((await outbox('+14155552671')).map((m) => m.body)).toEqual(['Your headphones are ready'])
  })

  it('refuses a number it cannot read with a reason under `to`, and queues nothing', async () => {
    const before = await t.sql<{ n: number }>('select count(*)::int as n from public.sms_messages')
    const r = await send({ to: '12', body: 'x' })
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: { to: [expect.any(String)] } })
    expect(await t.sql('select count(*)::int as n from public.sms_messages')).toEqual(before)
  })

  it('renders a template for a demo customer (their consented number)', async () => {
    const r = await send({
      customer_id: '81000000-0000-4000-8000-000000000001',
      template_id: '86000000-0000-4000-8000-000000000001',
      values: { NAME: 'Hiro', ORDER_NUMBER: '#1120' },
    })
    expect(r.status).toBe(201)
    await settle()
    const texts = await outbox('+639171234501')
    expect(texts.map((m) => [m.provider, m.body])).toEqual([
      ['semaphore', 'Hi Hiro, your order #1120 has been confirmed!'],
    ])
    // Semaphore sends no reports: the cron route asks it (its status turns Sent a moment later)
    expect((await row(r.body.message?.id ?? '')).status).toBe('SENT')
  })

  it('fails over when the first provider times out, and records both attempts', async () => {
    await gateway('POST', '/sms/v1/faults', { provider: 'semaphore', mode: 'timeout', times: 1, holdMs: 3000 })
    const r = await send({ to: '+639171112233', body: 'Failover please' })
    await settle()
    const id = r.body.message?.id ?? ''
    expect(await row(id)).toMatchObject({ status: 'DELIVERED', provider: 'twilio', attempts: 2 })
    expect(await attempts(id)).toMatchObject([
      { provider: 'semaphore', outcome: 'retryable' },
      { provider: 'twilio', outcome: 'sent' },
    ])
  })

  it('fails for good on a permanent refusal, with the provider’s reason, and never retries', async () => {
    await gateway('POST', '/sms/v1/faults', { provider: 'twilio', mode: 'permanent' })
    const r = await send({ to: '+14155550123', body: 'Nope' })
    await settle()
    const id = r.body.message?.id ?? ''
    const m = await row(id)
    expect(m.status).toBe('FAILED')
    expect(m.error).toMatch(/valid/i)
    expect((await attempts(id)).map((a) => a.outcome)).toEqual(['skipped', 'permanent'])
    expect((await cron()).status).toBe(200)
    expect((await attempts(id)).length).toBe(2)
    await gateway('DELETE', '/sms/v1/faults')
  })
})

describe('nothing lost, nothing twice', () => {
  it('a text committed while the app was down is sent once by the cron route, however often it runs', async () => {
    // queued by the database (the app "restarted" before its after() ran): no worker was kicked
    const service = t.service()
    const { data, error } = await service.rpc('sms_send', {
      p_org_id: AURORA,
      p_to: '+14155559876',
      p_body: 'Queued before a restart',
    })
    expect(error).toBeNull()
    const id = (data as { message: { id: string } }).message.id
    // a worker that claimed it and died: its lease runs out
    await service.rpc('sms_claim', { p_message_ids: [id] })
    await t.sql(`update public.sms_messages set lease_until = now() - interval '1 second' where id = $1`, [id])
    const [a, b] = await Promise.all([cron(), cron()])
    expect([a.status, b.status]).toEqual([200, 200])
    await cron()
    await gateway('GET', '/sms/v1/idle')
    expect((await outbox('+14155559876')).length).toBe(1)
    expect((await row(id)).status).toBe('DELIVERED')
  })

  it('the cron route wants its secret', async () => {
    const res = await smsCronRoute(() => t.service() as never)(
      new Request(`${origin}/api/sms/cron`, { method: 'POST', headers: { authorization: 'Bearer wrong' } }),
    )
    expect(res.status).toBe(401)
  })
})

describe('delivery reports', () => {
  it('refuses forged reports and shrugs at replays', async () => {
    const r = await send({ to: '+14155550001', body: 'Report me' })
    await settle()
    const id = r.body.message?.id ?? ''
    expect((await row(id)).status).toBe('DELIVERED')
    const sid = (await outbox('+14155550001'))[0]?.id ?? ''
    const form = new URLSearchParams({ MessageSid: sid, MessageStatus: 'failed', ErrorCode: '30003' })
    const url = (key: string) => `${origin}/api/sms/status/twilio?${new URLSearchParams({ org: AURORA, key, m: id })}`
    const post = (u: string, signature: string) =>
      fetch(u, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: form.toString(),
      })

    // wrong URL secret
    const wrongKey = url('not-the-secret')
    expect((await post(wrongKey, twilioSignature(DEV_TWILIO_AUTH_TOKEN, wrongKey, form))).status).toBe(401)
    // right secret, forged signature
    expect((await post(url(CALLBACK_KEY), 'Zm9yZ2Vk')).status).toBe(401)
    // a validly signed report that would move DELIVERED back: harmless
    const good = url(CALLBACK_KEY)
    const replay = await post(good, twilioSignature(DEV_TWILIO_AUTH_TOKEN, good, form))
    expect(replay.status).toBe(200)
    expect(await replay.json()).toMatchObject({ applied: false, reason: 'not_forward' })
    expect((await row(id)).status).toBe('DELIVERED')
  })
})

describe('one-time codes', () => {
  it('answers known and unknown numbers alike and texts only the known one', async () => {
    await t.sql(`update auth.users set phone = '639175550001' where email = 'manager@aurora.test'`)
    const route = smsOtpRoute(deps())
    const ask = async (phone: string) => {
      const res = await route(
        new Request(`${origin}/api/sms/otp`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' },
          body: JSON.stringify({ action: 'request', org: 'aurora', phone, purpose: 'RESET_PASSWORD' }),
        }),
      )
      return { status: res.status, body: await res.json() }
    }
    const known = await ask('0917 555 0001')
    const unknown = await ask('0917 555 0999')
    expect(known).toEqual(unknown)
    expect(known.status).toBe(202)
    await settle()
    const texts = await outbox('+639175550001')
    expect(texts.length).toBe(1)
    expect(await outbox('+639175550999')).toEqual([])
    const code = texts[0]?.otp ?? ''
    const verify = async (c: string) =>
      route(
        new Request(`${origin}/api/sms/otp`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            action: 'verify',
            org: 'aurora',
            phone: '+639175550001',
            purpose: 'RESET_PASSWORD',
            code: c,
            new_password: 'a-new-password-42',
          }),
        }),
      )
    expect((await verify(code === '000000' ? '111111' : '000000')).status).toBe(400)
    expect((await verify(code)).status).toBe(200)
    expect((await verify(code)).status).toBe(400)
    await signIn(t, 'manager@aurora.test', 'a-new-password-42')
  })
})
