/**
 * Issue 8's takeover chain, step by step through the app's own server actions and the stack: an
 * owner of their own workshop invites someone else's email, sets a PIN, registers a station and
 * PINs in as them. Every step that would hand over the other person's account is refused; an
 * invitation the person accepts, then a PIN-in, still works — as a floor identity, never as them.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TestStack } from '../stack/harness'
import { AURORA, type Client, client, PASSWORD, signIn, startAppStack } from './helpers'
import { followRedirect, useStack } from './next-cookies'

const jar = vi.hoisted(() => ({ current: new Map<string, string>() }))
vi.mock('next/headers', async () => (await import('./next-cookies')).nextHeaders(jar))
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))
vi.mock('server-only', () => ({}))

const { signIn: signInAction } = await import('../../lib/auth/actions')
const { inviteMember, resetMemberPin } = await import('../../lib/members/actions')
const { registerStation, pinIn } = await import('../../lib/station/actions')
const { acceptInvitation } = await import('../../lib/invitations/actions')
const { createClient: cookieClient } = await import('../../lib/supabase/server')

let t: TestStack
const browsers = { mallory: new Map<string, string>(), tablet: new Map<string, string>(), victim: new Map() }
const as = (who: keyof typeof browsers) => {
  jar.current = browsers[who] as Map<string, string>
}
let evilOrg: { id: string; slug: string; location: string }

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
  // the attacker: anyone with an account can make a workshop of their own
  const admin = client(t, 'service')
  await admin.auth.admin.createUser({ email: 'mallory@evil.test', password: PASSWORD, email_confirm: true })
  const mallory = await signIn(t, 'mallory@evil.test')
  const { data: org, error } = await mallory.rpc('create_organisation', { p_name: 'Evil Works', p_slug: 'evil' })
  if (error || !org) throw error
  const { data: loc, error: locError } = await mallory
    .from('locations')
    .insert({ org_id: org.id, name: 'Front', kind: 'workstation' })
    .select('id')
    .single()
  if (locError || !loc) throw locError
  evilOrg = { id: org.id, slug: org.slug, location: loc.id }
}, 120_000)
afterAll(async () => t?.close())

async function signInAs(who: keyof typeof browsers, email: string) {
  as(who)
  const out = await followRedirect(() => signInAction({ email, password: PASSWORD }))
  expect(out).toHaveProperty('redirectedTo')
}

const victimRows = () =>
  t.sql<{ n: string }>(
    `select count(*)::text as n from members m join auth.users u on u.id = m.user_id
     where u.email = 'owner@aurora.test' and m.org_id = $1`,
    [evilOrg.id],
  )

describe('taking over another workshop’s account', () => {
  it('1. inviting an email that has an account only creates a pending invitation', async () => {
    await signInAs('mallory', 'mallory@evil.test')
    const result = await inviteMember({
      orgId: evilOrg.id,
      email: 'owner@aurora.test',
      displayName: 'Victim',
      role: 'operator',
      badgeCode: 'VIC-1',
    })
    expect(result).toMatchObject({ ok: true, data: { memberId: null, temporaryPassword: null } })
    expect(result.ok && result.data.invitationId).toBeTruthy()
    expect((await victimRows())[0].n).toBe('0')
  })

  it('2. so there is no member to set a PIN or badge on, and the account cannot be attached directly', async () => {
    as('mallory')
    const [victimAurora] = await t.sql<{ id: string; user_id: string }>(
      `select m.id, m.user_id from members m join auth.users u on u.id = m.user_id
       where u.email = 'owner@aurora.test' and m.org_id = $1`,
      [AURORA],
    )
    expect(await resetMemberPin({ memberId: victimAurora.id, pin: '4321' })).toMatchObject({ ok: false })
    const mallory = await cookieClient()
    const attached = await mallory.rpc('add_member', {
      p_org_id: evilOrg.id,
      p_user_id: victimAurora.user_id,
      p_role: 'operator',
      p_display_name: 'Victim',
      p_badge_code: 'VIC-1',
    })
    expect(attached.error).toMatchObject({ code: 'PT403' })
    // and nothing of the other account shows: not in the member list, not its other workshop
    const { data: listed } = await mallory.rpc('list_members', { p_org_id: evilOrg.id })
    expect(listed?.map((m) => m.email)).toEqual(['mallory@evil.test'])
    expect((await mallory.from('members').select('id').eq('org_id', AURORA)).data).toEqual([])
  })

  it('3–4. a station PIN-in with that badge finds nobody', async () => {
    await signInAs('tablet', 'mallory@evil.test') // the owner signs the tablet in as a station
    const out = await followRedirect(() => registerStation({ locationId: evilOrg.location, name: 'Evil tablet' }))
    expect(out).toEqual({ redirectedTo: `/${evilOrg.slug}/station` })
    expect(await pinIn({ badge: 'VIC-1', pin: '4321' })).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' })
  })

  it('accepting, then PIN-in, works for the invited person — and the tablet never holds their account', async () => {
    await signInAs('victim', 'owner@aurora.test')
    const [invitation] = await t.sql<{ id: string }>(
      `select id from invitations where org_id = $1 and email = 'owner@aurora.test' and status = 'pending'`,
      [evilOrg.id],
    )
    expect(await acceptInvitation({ invitationId: invitation.id })).toEqual({ ok: true, data: { orgSlug: 'evil' } })
    const [member] = await t.sql<{ id: string }>(
      `select m.id from members m join auth.users u on u.id = m.user_id where u.email = 'owner@aurora.test' and m.org_id = $1`,
      [evilOrg.id],
    )

    // now a member by their own choice: the workshop's owner may give them a badge and a PIN
    as('mallory')
    const mallory = await cookieClient()
    expect((await mallory.from('members').update({ badge_code: 'VIC-1' }).eq('id', member.id)).error).toBeNull()
    expect(await resetMemberPin({ memberId: member.id, pin: '4321' })).toEqual({ ok: true, data: null })

    as('tablet')
    const pinned = await pinIn({ badge: 'VIC-1', pin: '4321' })
    expect(pinned).toMatchObject({ ok: true, data: { memberId: member.id, role: 'operator' } })
    const tablet: Client = await cookieClient()
    const { data: claims } = await tablet.auth.getClaims()
    expect(claims?.claims.email).toMatch(/@floor\.floorline\.invalid$/)
    const [victimUser] = await t.sql<{ id: string }>(`select id from auth.users where email = 'owner@aurora.test'`)
    expect(claims?.claims.sub).not.toBe(victimUser.id)

    // the tablet acts in this workshop only, as an operator …
    expect((await tablet.from('locations').select('org_id')).data).toEqual([{ org_id: evilOrg.id }])
    expect((await tablet.from('customers').select('id').eq('org_id', AURORA)).data).toEqual([])
    expect((await tablet.from('order_internal_notes').select('order_id')).data).toEqual([])
    // … and can change no credential, make no workshop, accept no invitation
    const pw = await tablet.auth.updateUser({ password: 'mallory-owns-you-now' })
    expect(pw.error).not.toBeNull()
    const email = await tablet.auth.updateUser({ email: 'mallory+1@evil.test' })
    expect(email.error).not.toBeNull()
    expect((await tablet.rpc('create_organisation', { p_name: 'X', p_slug: 'x-from-tablet' })).error).toMatchObject({
      code: 'PT403',
    })

    // the victim's own password still works, and still opens their own workshop
    const victim = await signIn(t, 'owner@aurora.test')
    const { data: orgs } = await victim.rpc('my_organisations')
    expect(orgs?.map((o) => [o.slug, o.role])).toEqual(
      expect.arrayContaining([
        ['aurora', 'owner'],
        ['evil', 'operator'],
      ]),
    )
  })
})
