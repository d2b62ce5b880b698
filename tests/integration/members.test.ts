/**
 * Inviting members and the role rules, as the members screen does them (lib/members/invite.ts),
 * against the real migrations + seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inviteMember } from '../../lib/members/invite'
import { InviteMemberInput } from '../../lib/members/schema'
import type { TestStack } from '../stack/harness'
import { AURORA, type Client, client, signIn, startAppStack } from './helpers'

let t: TestStack
let admin: Client
let owner: Client
let manager: Client
let supervisor: Client

beforeAll(async () => {
  t = await startAppStack()
  admin = client(t, 'service')
  owner = await signIn(t, 'owner@aurora.test')
  manager = await signIn(t, 'manager@aurora.test')
  supervisor = await signIn(t, 'supervisor@aurora.test')
}, 120_000)
afterAll(async () => t?.close())

const invite = (asInviter: Client, fields: Partial<Record<string, string>>) =>
  inviteMember(
    { admin, asInviter },
    InviteMemberInput.parse({ orgId: AURORA, displayName: 'New Person', role: 'operator', ...fields }),
    'aurora',
  )

const authUsers = async (email: string) =>
  (await t.sql<{ n: string }>(`select count(*)::text as n from auth.users where email = $1`, [email]))[0].n

describe('inviting a member', () => {
  it('creates the account and the membership, recorded as the inviting owner, with a password that works once handed over', async () => {
    const result = await invite(owner, {
      email: 'Nina@Aurora.test',
      displayName: 'Nina Holt',
      role: 'supervisor',
      badgeCode: 'aur-sup-2',
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.data).toMatchObject({ email: 'nina@aurora.test', invitationId: null })
    expect(result.data.temporaryPassword).toMatch(/^\S{4}-\S{4}-\S{4}-\S{4}$/)

    const [row] = await t.sql<Record<string, string>>(
      `select m.role::text, m.badge_code, a.actor_role, am.role::text as actor_member_role
       from members m
       join audit_log a on a.row_id = m.id and a.table_name = 'members' and a.op = 'INSERT'
       join members am on am.id = a.actor_member_id
       where m.id = $1`,
      [result.data.memberId],
    )
    expect(row).toEqual({
      role: 'supervisor',
      badge_code: 'AUR-SUP-2',
      actor_role: 'authenticated',
      actor_member_role: 'owner',
    })

    const nina = await signIn(t, 'nina@aurora.test', result.data.temporaryPassword ?? '')
    const { data: orgs } = await nina.rpc('my_organisations')
    expect(orgs?.map((o) => [o.slug, o.role])).toEqual([['aurora', 'supervisor']])
  })

  it('gives a badge-only operator an account that never receives mail and no password to hand over', async () => {
    const result = await invite(owner, { displayName: 'Pia Berg', badgeCode: 'AUR-OP-9' })
    expect(result).toMatchObject({
      ok: true,
      data: { email: 'aurora.aur-op-9@operators.floorline.invalid', temporaryPassword: null },
    })
  })

  it('rolls the new account back when the membership is refused, and the refusal reaches the field', async () => {
    const result = await invite(owner, { email: 'dup-badge@aurora.test', badgeCode: 'AUR-OP-1' })
    expect(result).toEqual({
      ok: false,
      code: 'BADGE_TAKEN',
      status: 409,
      message: 'That badge code is already in use',
      fieldErrors: { badgeCode: ['That badge code is already in use'] },
      details: { field: 'badge_code' },
    })
    expect(await authUsers('dup-badge@aurora.test')).toBe('0')
  })

  it('rolls back when the inviter may not add members (a manager), leaving no account behind', async () => {
    const result = await invite(manager, { email: 'by-manager@aurora.test', role: 'operator' })
    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await authUsers('by-manager@aurora.test')).toBe('0')
  })

  it('invites an existing account (someone from another workshop): they join only when they accept, and it is never deleted', async () => {
    const again = await invite(owner, { email: 'consultant@floorline.test', role: 'manager' })
    expect(again).toMatchObject({
      ok: false,
      code: 'ALREADY_MEMBER',
      status: 409,
      fieldErrors: { email: ['Already a member of this organisation'] },
    })
    expect(await authUsers('consultant@floorline.test')).toBe('1')

    const result = await invite(owner, { email: 'manager@birch.test', displayName: 'Leo Cruz', role: 'manager' })
    expect(result).toMatchObject({ ok: true, data: { memberId: null, temporaryPassword: null } })
    const leo = await signIn(t, 'manager@birch.test')
    expect((await leo.rpc('my_organisations')).data?.map((o) => o.slug)).toEqual(['birch'])
    const { data: waiting } = await leo.rpc('my_invitations')
    expect(waiting?.map((i) => [i.org_name, i.role])).toEqual([['Aurora Audio', 'manager']])
    const accepted = await leo.rpc('accept_invitation', { p_invitation_id: waiting?.[0]?.invitation_id ?? '' }).single()
    expect(accepted.data?.org_slug).toBe('aurora')
    const { data: orgs } = await leo.rpc('my_organisations')
    expect(orgs?.map((o) => o.slug).sort()).toEqual(['aurora', 'birch'])
  })
})

describe('role rules seen from the app', () => {
  const memberId = async (email: string) =>
    (
      await t.sql<{ id: string }>(
        `select m.id from members m join auth.users u on u.id = m.user_id where u.email = $1 and m.org_id = $2`,
        [email, AURORA],
      )
    )[0].id

  it('lets admins grant up to admin but only owners make owners', async () => {
    const made = await invite(owner, { email: 'ada2@aurora.test', displayName: 'Ari Admin', role: 'admin' })
    expect(made.ok).toBe(true)
    const ari = await signIn(t, 'ada2@aurora.test', made.ok ? (made.data.temporaryPassword ?? '') : '')
    const target = await memberId('operator@aurora.test')
    expect((await ari.rpc('change_member_role', { p_member_id: target, p_role: 'supervisor' })).error).toBeNull()
    const owners = await ari.rpc('change_member_role', { p_member_id: target, p_role: 'owner' })
    expect(owners.error).toMatchObject({ code: 'PT403' })
    const ownerRow = await ari.rpc('deactivate_member', { p_member_id: await memberId('owner@aurora.test') })
    expect(ownerRow.error).toMatchObject({ code: 'PT403' })
    await ari.rpc('change_member_role', { p_member_id: target, p_role: 'operator' })
  })

  it('keeps the last owner', async () => {
    const { error } = await owner.rpc('change_member_role', {
      p_member_id: await memberId('owner@aurora.test'),
      p_role: 'admin',
    })
    expect(error).toMatchObject({ code: 'PT409' })
  })

  it('lets managers manage locations but not members; supervisors neither, but they see members and unlock', async () => {
    const loc = await manager
      .from('locations')
      .insert({ org_id: AURORA, name: 'Glue bench', kind: 'workstation' })
      .select('id')
    expect(loc.error).toBeNull()
    expect(
      (
        await manager.rpc('change_member_role', {
          p_member_id: await memberId('operator@aurora.test'),
          p_role: 'supervisor',
        })
      ).error,
    ).toMatchObject({ code: 'PT403' })

    const denied = await supervisor
      .from('locations')
      .insert({ org_id: AURORA, name: 'Not allowed', kind: 'area' })
      .select('id')
    expect(denied.error?.code).toBe('42501')
    const renamed = await supervisor
      .from('locations')
      .update({ name: 'Renamed' })
      .eq('id', loc.data?.[0]?.id ?? '')
      .select('id')
    expect(renamed.data).toEqual([]) // RLS: matches no row — the app reads "none back" as refused

    const { data: members, error } = await supervisor.rpc('list_members', { p_org_id: AURORA })
    expect(error).toBeNull()
    expect(members?.length).toBeGreaterThan(5)
    const op = await memberId('aurora.aur-op-4@operators.floorline.invalid')
    await t.sql(
      `update members set failed_auth_attempts = 5, locked_until = now() + interval '15 minutes' where id = $1`,
      [op],
    )
    expect((await supervisor.rpc('unlock_member', { p_member_id: op })).error).toBeNull()
    const [row] = await t.sql<{ locked_until: string | null }>(`select locked_until from members where id = $1`, [op])
    expect(row.locked_until).toBeNull()
  })
})
