/**
 * Customers' replies end to end: the local stack's fake gateway posts a reply the way Twilio (signed
 * form POST) and Movider (unsigned, proved by the URL secret) would, to the app's inbound route on a
 * loopback port; STOP writes sms_opt_outs and stops the next text, START lifts it, a replay changes
 * nothing, a forged or unkeyed post is refused, and each provider gets the answer it expects.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TestStack } from '../stack/harness'
import { AURORA, signIn, startAppStack } from './helpers'

vi.mock('server-only', () => ({}))
const { smsInboundRoute } = await import('../../lib/sms/api/inbound')

let t: TestStack
let app: Server
let origin: string
const KEY = 'demo-sms-callback-secret-aurora-0000000001' // the seed's (public, demo)

beforeAll(async () => {
  t = await startAppStack()
  const inbound = smsInboundRoute(() => t.service() as never)
  app = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const url = `${origin}${req.url}`
    const provider = new URL(url).pathname.split('/').at(-1) ?? ''
    const headers = new Headers()
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
    const response = await inbound(
      new Request(url, { method: req.method, headers, body: req.method === 'GET' ? undefined : Buffer.concat(chunks) }),
      { params: Promise.resolve({ provider }) },
    )
    res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' })
    res.end(await response.text())
  })
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r))
  origin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
  process.env.SMS_CALLBACK_ORIGIN = origin
}, 120_000)

afterAll(async () => {
  await new Promise((r) => app?.close(r))
  await t?.close()
})

const inboundUrl = (provider: string, key = KEY) =>
  `${origin}/api/sms/inbound/${provider}?org=${AURORA}&key=${encodeURIComponent(key)}`

/** The gateway posts a reply as the provider would, and says what our route answered. */
async function reply(provider: string, from: string, body: string, url = inboundUrl(provider), messageId?: string) {
  const r = await fetch(`${t.url}/sms/v1/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider, url, from, body, messageId }),
  })
  return (await r.json()) as { status: number; headers: Record<string, string>; answer: string; messageId: string }
}

const optedOut = async (phone: string) =>
  (
    await t.sql<{ source: string }>('select source from public.sms_opt_outs where org_id = $1 and phone = $2', [
      AURORA,
      phone,
    ])
  )[0]?.source ?? null

describe('inbound STOP', () => {
  it('Twilio: a signed STOP opts the number out and is answered with TwiML; START lifts it', async () => {
    const phone = '+14155550177'
    const stop = await reply('twilio', phone, 'Stop')
    expect(stop.status).toBe(200)
    expect(stop.headers['content-type']).toContain('text/xml')
    expect(stop.answer).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>')
    expect(await optedOut(phone)).toBe('stop_reply')
    const [row] = await t.sql<{ action: string }>(
      'select action from public.sms_inbound_messages where provider_message_id = $1',
      [stop.messageId],
    )
    expect(row?.action).toBe('opt_out')

    // the next text to that number is refused with the reason
    const { data, error } = await t
      .service()
      .rpc('sms_send', { p_org_id: AURORA, p_to: phone, p_body: 'Sale on today' })
    expect(data).toBeNull()
    expect(error?.message).toContain('STOP')

    // a replay of the same message: same answer, one row
    const again = await reply('twilio', phone, 'Stop', inboundUrl('twilio'), stop.messageId)
    expect(again.status).toBe(200)
    const [{ n }] = await t.sql<{ n: number }>(
      'select count(*)::int as n from public.sms_inbound_messages where provider_message_id = $1',
      [stop.messageId],
    )
    expect(Number(n)).toBe(1)

    const start = await reply('twilio', phone, 'START')
    expect(start.status).toBe(200)
    expect(await optedOut(phone)).toBeNull()
  })

  it('Twilio: a post without a valid signature or URL secret changes nothing', async () => {
    const phone = '+14155550178'
    const forged = await fetch(inboundUrl('twilio'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl' },
      body: new URLSearchParams({ From: phone, Body: 'STOP', MessageSid: 'SMforged' }).toString(),
    })
    expect(forged.status).toBe(401)
    expect((await forged.json()).code).toBe('WEBHOOK_SIGNATURE_INVALID')
    const wrongKey = await reply('twilio', phone, 'STOP', inboundUrl('twilio', 'not-the-secret'))
    expect(wrongKey.status).toBe(401)
    expect(await optedOut(phone)).toBeNull()
  })

  it('Movider: a STOP proved by the URL secret opts out, answered {"status":"OK"}', async () => {
    const phone = '+639171230077'
    const stop = await reply('movider', phone, 'UNSUBSCRIBE')
    expect(stop.status).toBe(200)
    expect(JSON.parse(stop.answer)).toMatchObject({ status: 'OK', detail: '', action: 'opt_out' })
    expect(await optedOut(phone)).toBe('stop_reply')
    const unkeyed = await reply('movider', '+639171230078', 'STOP', `${origin}/api/sms/inbound/movider?org=${AURORA}`)
    expect(unkeyed.status).toBe(401)
    expect(await optedOut('+639171230078')).toBeNull()
  })

  it('Semaphore has no inbound messages: the route says so', async () => {
    const r = await fetch(inboundUrl('semaphore'), { method: 'POST', body: '' })
    expect(r.status).toBe(404)
    expect((await r.json()).message).toContain('Semaphore sends no replies')
  })
})

// The opt-out list on /[org]/sms (Opt-outs tab) writes through sms_opt_out with source 'staff': a
// customer opted out there gets no automatic text on their order's next status, even with a consent
// still on file; opted back in (and opting in again themselves), they get the next one.
describe('opted out by staff', () => {
  const HIRO = '+639171234501' // the seed's Hiro Nguyen, opted in to automatic texts
  const orderTexts = async (order: string) =>
    Number(
      (await t.sql<{ n: number }>('select count(*)::int as n from public.sms_messages where order_id = $1', [order]))[0]
        ?.n ?? 0,
    )

  it('no automatic text reaches an opted-out customer; opted back in, the next one does', async () => {
    await t.sql(`update public.sms_settings set auto_statuses = '{ready_to_ship}' where org_id = $1`, [AURORA])
    const manager = await signIn(t, 'manager@aurora.test')
    const out = await manager.rpc('sms_opt_out', { p_org_id: AURORA, p_phone: HIRO, p_source: 'staff' })
    expect(out.error).toBeNull()
    expect(await optedOut(HIRO)).toBe('staff')
    const listed = await manager.from('sms_opt_outs').select('phone, source').eq('org_id', AURORA).eq('phone', HIRO)
    expect(listed.data).toEqual([{ phone: HIRO, source: 'staff' }])
    // the list alone stops it: even a consent put back on behind its back sends nothing
    await t.sql('update public.sms_customer_consents set opted_in = true where org_id = $1 and phone = $2', [
      AURORA,
      HIRO,
    ])
    await t.sql(`update public.orders set status = 'ready_to_ship' where id = '82000000-0000-4000-8000-000000000040'`)
    expect(await orderTexts('82000000-0000-4000-8000-000000000040')).toBe(0)

    const back = await manager.rpc('sms_opt_in', { p_org_id: AURORA, p_phone: HIRO })
    expect(back.error).toBeNull()
    expect(await optedOut(HIRO)).toBeNull()
    await t.sql(`update public.orders set status = 'ready_to_ship' where id = '82000000-0000-4000-8000-000000000080'`)
    const texts = await t.sql<{ to_phone: string }>(
      `select to_phone from public.sms_messages where order_id = '82000000-0000-4000-8000-000000000080'`,
    )
    expect(texts).toEqual([{ to_phone: HIRO }]) // queued (a worker may already have sent it)
  })

  it('only managers and above may opt a number out', async () => {
    const supervisor = await signIn(t, 'supervisor@aurora.test')
    const { error } = await supervisor.rpc('sms_opt_out', {
      p_org_id: AURORA,
      p_phone: '+639171230099',
      p_source: 'staff',
    })
    expect(error?.code).toBe('PT403')
    expect(await optedOut('+639171230099')).toBeNull()
  })
})
