/**
 * The public join route (POST /api/q/join, lib/queues/join-route.ts) against the local stack with the
 * real migrations and the demo seed (Aurora's "Front counter", join token demo-aurora-front-counter):
 * phones normalised with libphonenumber, refusals as 4xx with the reason under the field and nothing
 * written, a browser's form post redirected, and the limits per address and per phone kept in the
 * database (a fresh route instance — another app process — counts the same joins).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TestStack } from '../stack/harness'
import { startAppStack } from './helpers'

vi.mock('server-only', () => ({}))
const { queueJoinRoute } = await import('../../lib/queues/join-route')

const JOIN = 'demo-aurora-front-counter'
const QUEUE = '87000000-0000-4000-8000-000000000201'
let t: TestStack
let pickup: string
let repair: string
const pending: Promise<unknown>[] = []
const deps = () => ({
  admin: () => t.service() as never,
  later: (task: () => Promise<unknown>) => void pending.push(task().catch(() => undefined)),
})

beforeAll(async () => {
  t = await startAppStack()
  process.env.NEXT_PUBLIC_SUPABASE_URL = t.url
  process.env.SUPABASE_SERVICE_ROLE_KEY = t.cfg.serviceRoleKey
  process.env.SMS_GATEWAY_URL = t.url
  const { data } = await t
    .service()
    .from('type_definitions')
    .select('id, type_code')
    .is('org_id', null)
    .eq('subject', 'ticket')
  pickup = data?.find((d) => d.type_code === 'pickup')?.id ?? ''
  repair = data?.find((d) => d.type_code === 'repair')?.id ?? ''
}, 120_000)

afterAll(async () => {
  await Promise.allSettled(pending)
  await t?.close()
})

function post(fields: Record<string, string>, { ip = '198.51.100.1', accept = 'application/json' } = {}) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.set(k, v)
  return queueJoinRoute(deps())(
    new Request('http://127.0.0.1/api/q/join', { method: 'POST', body, headers: { accept, 'x-forwarded-for': ip } }),
  )
}

async function ticketCount() {
  const { count } = await t.service().from('tickets').select('id', { count: 'exact', head: true }).eq('queue_id', QUEUE)
  return count ?? 0
}

describe('POST /api/q/join', () => {
  it('joins with a phone as people type it, stored as E.164, with the joined text queued', async () => {
    const r = await post({
      join_token: JOIN,
      type_definition_id: pickup,
      phone: '0917 555 0101',
      'f.order_reference': 'AUR-1',
    })
    expect(r.status).toBe(201)
    const body = await r.json()
    // the seed's one waiting customer is A-001
    expect(body.ticket).toMatchObject({ number: 'A-002', status: 'waiting', position: 2, queue_name: 'Front counter' })
    expect(body.path).toBe(`/q/t/${body.ticket_token}`)
    expect(JSON.stringify(body)).not.toContain('+63917')
    const { data: row } = await t
      .service()
      .from('tickets')
      .select('phone_e164, custom_data')
      .eq('queue_id', QUEUE)
      .eq('display_number', 'A-002')
      .single()
    expect(row).toEqual({ phone_e164: '+639175550101', custom_data: { order_reference: 'AUR-1' } })
    const { data: sms } = await t.service().from('sms_messages').select('body').eq('to_phone', '+639175550101')
    expect(sms?.[0]?.body).toContain(`/q/t/${body.ticket_token}`)
  })

  it('refuses a phone libphonenumber cannot read, with the reason, and writes nothing', async () => {
    const before = await ticketCount()
    const r = await post({ join_token: JOIN, type_definition_id: pickup, phone: '0917 55' })
    expect(r.status).toBe(422)
    const body = await r.json()
    expect(body.code).toBe('PHONE_INVALID')
    expect(body.fieldErrors.phone[0]).toMatch(/number/)
    expect(await ticketCount()).toBe(before)
  })

  it('refuses missing custom fields under the field, an unknown link, a malformed type, a JSON body', async () => {
    const before = await ticketCount()
    const missing = await post({ join_token: JOIN, type_definition_id: repair, 'f.symptom': 'no sound' })
    const missingBody = await missing.clone().json()
    expect(missing.status, JSON.stringify(missingBody)).toBe(422)
    expect((await missing.json()).fieldErrors).toHaveProperty('device_serial')
    const unknown = await post({ join_token: 'not-a-real-link', type_definition_id: pickup })
    expect(unknown.status).toBe(404)
    const notUuid = await post({ join_token: JOIN, type_definition_id: 'pickup' })
    expect(notUuid.status).toBe(400)
    expect((await notUuid.json()).fieldErrors.type_definition_id[0]).toBe('Pick what you are here for')
    const json = await queueJoinRoute(deps())(
      new Request('http://127.0.0.1/api/q/join', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ join_token: JOIN, type_definition_id: pickup }),
      }),
    )
    expect(json.status).toBe(415)
    expect(await ticketCount()).toBe(before)
  })

  it("answers a browser's plain form post with a redirect: to the ticket, or back with the reason", async () => {
    const html = 'text/html,application/xhtml+xml'
    const ok = await post(
      { join_token: JOIN, type_definition_id: repair, 'f.device_serial': 'SN-42' },
      { accept: html },
    )
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toMatch(/^\/q\/t\/[A-Za-z0-9_-]{22}$/)
    const bad = await post({ join_token: JOIN, type_definition_id: repair }, { accept: html })
    expect(bad.status).toBe(303)
    const back = new URL(bad.headers.get('location') ?? '', 'http://x')
    expect(back.pathname).toBe(`/q/${JOIN}`)
    expect(back.searchParams.get('field')).toBe('device_serial')
    expect(back.searchParams.get('error')).toBeTruthy()
  })

  it('limits joins per phone (3 an hour) in the database: another route instance counts them too', async () => {
    const phone = '+63 917 555 0199'
    for (let i = 0; i < 3; i++) {
      const r = await post({ join_token: JOIN, type_definition_id: pickup, phone }, { ip: `203.0.113.${i + 1}` })
      expect(r.status).toBe(201)
    }
    const before = await ticketCount()
    const r = await post({ join_token: JOIN, type_definition_id: pickup, phone }, { ip: '203.0.113.50' })
    expect(r.status).toBe(429)
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(3000)
    const body = await r.json()
    expect(body.code).toBe('RATE_LIMITED')
    expect(body.fieldErrors.phone).toBeTruthy()
    expect(await ticketCount()).toBe(before)
  })

  it('limits joins per address (20 per 10 minutes)', async () => {
    const ip = '192.0.2.77'
    const answers = await Promise.all(
      Array.from({ length: 22 }, () => post({ join_token: JOIN, type_definition_id: pickup }, { ip })),
    )
    const statuses = answers.map((a) => a.status).sort()
    expect(statuses.filter((s) => s === 201)).toHaveLength(20)
    expect(statuses.filter((s) => s === 429)).toHaveLength(2)
    const other = await post({ join_token: JOIN, type_definition_id: pickup }, { ip: '192.0.2.78' })
    expect(other.status).toBe(201)
  })
})
