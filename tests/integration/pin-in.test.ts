/**
 * PIN-in as the station does it (lib/station/pin-in.ts) through supabase-js against the real
 * migrations + seed: same answer for unknown badge and wrong PIN, lockout after five, idle timeout,
 * and the operator recorded on writes (docs/tenancy.md §4–§5).
 *
 * pin_in / operator_session_touch / set_member_pin return their failures as values and set
 * PostgREST's `response.status`, so these tests need the REST module to honour it (the attempt
 * commits and supabase-js reports `error`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pinIn, touchSession } from '../../lib/station/pin-in'
import type { TestStack } from '../stack/harness'
import { type Client, client, SANDING, signIn, startAppStack } from './helpers'

let t: TestStack
let secret: string
const DEVICE = 'tablet-test-1'

beforeAll(async () => {
  t = await startAppStack()
  const sup = await signIn(t, 'supervisor@aurora.test')
  const { data, error } = await sup
    .rpc('register_station', { p_location_id: SANDING, p_name: 'Sanding tablet' })
    .single()
  if (error || !data) throw error
  secret = data.station_secret
}, 120_000)
afterAll(async () => t?.close())

/** One tablet: anon RPCs with its device id, the admin API, and the cookie session (in memory here). */
function tablet() {
  const session = client(t, 'anon', DEVICE)
  return {
    session,
    run: (badge: string, pin: string) =>
      pinIn({ tablet: client(t, 'anon', DEVICE), admin: client(t, 'service'), session }, secret, badge, pin),
  }
}

const attempts = async () =>
  (
    await t.sql<{ reason: string; device_id: string }>(
      `select reason::text, device_id from auth_attempts order by attempted_at, id`,
    )
  ).map((r) => `${r.reason}@${r.device_id}`)

describe('PIN-in', () => {
  it('answers an unknown badge and a wrong PIN alike, and records both attempts with the device', async () => {
    const unknown = await tablet().run('NOBODY', '1234')
    const wrong = await tablet().run('AUR-OP-3', '9999')
    // both the first failure of their badge code: the same tries left (the tablet has 18 more)
    expect(unknown).toEqual({
      ok: false,
      code: 'NOT_SIGNED_IN',
      status: 401,
      message: 'Badge or PIN not recognised. 4 tries left before a pause.',
      details: { attempts_left: 4 },
    })
    expect(wrong).toEqual(unknown)
    expect(await attempts()).toEqual([`unknown_badge@${DEVICE}`, `wrong_pin@${DEVICE}`])
  })

  it('locks a badge after five wrong PINs, with the minutes left, even for the right PIN', async () => {
    for (let i = 0; i < 3; i++) expect(await tablet().run('AUR-OP-3', '0000')).toMatchObject({ code: 'NOT_SIGNED_IN' }) // 2nd–4th
    const fifth = await tablet().run('AUR-OP-3', '0000')
    expect(fifth).toMatchObject({
      ok: false,
      code: 'LOCKED',
      status: 423,
      message: 'Too many wrong PINs: try again in 15 minutes',
    })
    expect(await tablet().run('AUR-OP-3', '1234')).toMatchObject({ ok: false, code: 'LOCKED' })
    const [m] = await t.sql<{ n: string }>(
      `select failed_auth_attempts::text as n from members where badge_code = 'AUR-OP-3'`,
    )
    expect(m.n).toBe('5')
  })

  it('signs the operator in on the tablet; RLS sees them until the session goes idle, then touch ends it', async () => {
    const { session, run } = tablet()
    const result = await run('aur-op-1 ', '1234') // scanners and people type badges loosely
    expect(result).toMatchObject({
      ok: true,
      data: { displayName: 'Olive Park', role: 'operator', idleTimeoutSeconds: 600 },
    })
    if (!result.ok) return
    // the tablet holds the member's floor identity, never the person's own account
    const claims = (await session.auth.getClaims()).data?.claims
    expect(claims?.email).toMatch(/^floor-[0-9a-f-]{36}@floor\.floorline\.invalid$/)
    const [person] = await t.sql<{ id: string }>(`select id from auth.users where email = 'operator@aurora.test'`)
    expect(claims?.sub).not.toBe(person.id)
    expect((await session.from('locations').select('id')).data).toHaveLength(6)
    const [bound] = await t.sql<{ device_id: string; bound: string }>(
      `select device_id, (auth_session_id is not null)::text as bound from operator_sessions where id = $1`,
      [result.data.operatorSessionId],
    )
    expect(bound).toEqual({ device_id: DEVICE, bound: 'true' }) // the server bound the tablet's GoTrue session

    // a short timeout, as a workshop might set it (organisations.settings)
    await t.sql(
      `update organisations set settings = settings || '{"operator_idle_timeout_minutes": 0.05}' where slug = 'aurora'`,
    )
    try {
      expect((await touchSession(session, result.data.operatorSessionId)).ok).toBe(true)
      await new Promise((r) => setTimeout(r, 3500))
      expect((await session.from('locations').select('id')).data).toEqual([]) // RLS drops an idle operator at once
      const touched = await touchSession(session, result.data.operatorSessionId)
      expect(touched).toEqual({
        ok: false,
        code: 'SESSION_EXPIRED',
        status: 440,
        message: 'Signed out after 3 seconds without activity',
      })
      const [ended] = await t.sql<{ end_reason: string }>(
        `select end_reason::text from operator_sessions where id = $1`,
        [result.data.operatorSessionId],
      )
      expect(ended.end_reason).toBe('idle_timeout')
    } finally {
      await t.sql(
        `update organisations set settings = settings || '{"operator_idle_timeout_minutes": 10}' where slug = 'aurora'`,
      )
    }
  })

  it('records the operator, their session, the station and the device on their writes', async () => {
    const { session, run } = tablet()
    const result = await run('AUR-OP-2', '1234')
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const op: Client = session
    const { error } = await op.rpc('set_member_pin', {
      p_member_id: result.data.memberId,
      p_pin: '2468',
      p_current_pin: '1234',
    })
    expect(error).toBeNull()
    const [row] = await t.sql<Record<string, string>>(
      `select a.actor_member_id, a.operator_session_id, s.name as station, a.device_id
       from audit_log a join stations s on s.id = a.station_id
       where a.table_name = 'members' and a.row_id = $1 order by a.id desc limit 1`,
      [result.data.memberId],
    )
    expect(row).toEqual({
      actor_member_id: result.data.memberId,
      operator_session_id: result.data.operatorSessionId,
      station: 'Sanding tablet',
      device_id: DEVICE,
    })
  })

  it('refuses a revoked tablet in words', async () => {
    const sup = await signIn(t, 'supervisor@aurora.test')
    const [station] = await t.sql<{ id: string }>(`select id from stations where name = 'Sanding tablet'`)
    expect((await sup.rpc('revoke_station', { p_station_id: station.id })).error).toBeNull()
    expect(await tablet().run('AUR-OP-4', '1234')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})
