import { describe, expect, it } from 'vitest'
import { operatorEmail, temporaryPassword, unknowablePassword } from '../../lib/members/credentials'
import { assignableRoles, atLeast, canManageMember, ROLES } from '../../lib/members/roles'
import { InviteMemberInput, ResetPinInput } from '../../lib/members/schema'
import { isLocked } from '../../lib/members/status'

const ORG = '20000000-0000-4000-8000-000000000001'
const fieldErrors = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]))

describe('roles', () => {
  it('orders roles as the database enum does', () => {
    expect(ROLES).toEqual(['operator', 'supervisor', 'manager', 'admin', 'owner'])
    expect(atLeast('manager', 'supervisor')).toBe(true)
    expect(atLeast('supervisor', 'manager')).toBe(false)
  })
  it('lets owners grant anything, admins up to admin, nobody else anything', () => {
    expect(assignableRoles('owner')).toContain('owner')
    expect(assignableRoles('admin')).toEqual(['admin', 'manager', 'supervisor', 'operator'])
    expect(assignableRoles('manager')).toEqual([])
  })
  it('keeps owners out of admins’ reach', () => {
    expect(canManageMember('admin', 'manager')).toBe(true)
    expect(canManageMember('admin', 'owner')).toBe(false)
    expect(canManageMember('owner', 'owner')).toBe(true)
    expect(canManageMember('manager', 'operator')).toBe(false)
  })
})

describe('InviteMemberInput', () => {
  const base = {
    orgId: ORG,
    displayName: 'Theo Lin',
    role: 'operator',
    email: '',
    badgeCode: '',
    teamId: '',
    locationId: '',
  }

  it('normalises the fields the way the database stores them', () => {
    const r = InviteMemberInput.parse({ ...base, email: ' Theo@Aurora.Test ', badgeCode: ' aur-op-9 ' })
    expect(r).toMatchObject({
      email: 'theo@aurora.test',
      badgeCode: 'AUR-OP-9',
      teamId: undefined,
      locationId: undefined,
    })
  })
  it('lets an operator with a badge go without email, but nobody else', () => {
    expect(InviteMemberInput.safeParse({ ...base, badgeCode: 'AUR-OP-9' }).success).toBe(true)
    expect(fieldErrors(InviteMemberInput.safeParse({ ...base }))).toEqual({
      email: 'Enter an email address, or a badge code for an operator',
    })
    expect(fieldErrors(InviteMemberInput.safeParse({ ...base, role: 'manager', badgeCode: 'AUR-M-2' }))).toEqual({
      email: 'Enter their email address: they sign in with it',
    })
  })
  it('puts each problem under its field', () => {
    const r = InviteMemberInput.safeParse({ ...base, displayName: ' ', email: 'nope', badgeCode: '-BAD', role: 'boss' })
    expect(Object.keys(fieldErrors(r)).sort()).toEqual(['badgeCode', 'displayName', 'email', 'role'])
  })
})

describe('PINs and credentials', () => {
  it('accepts 4 to 6 digits only', () => {
    const id = '60000000-0000-4000-8000-000000000104'
    expect(ResetPinInput.safeParse({ memberId: id, pin: '1234' }).success).toBe(true)
    expect(ResetPinInput.safeParse({ memberId: id, pin: '123456' }).success).toBe(true)
    for (const pin of ['123', '1234567', '12a4', ' 1234'])
      expect(ResetPinInput.safeParse({ memberId: id, pin }).success).toBe(false)
  })
  it('makes readable temporary passwords that differ every time', () => {
    const a = temporaryPassword()
    expect(a).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/)
    expect(a).not.toMatch(/[01lIO]/)
    expect(temporaryPassword()).not.toBe(a)
    expect(unknowablePassword().length).toBeGreaterThanOrEqual(40)
  })
  it('gives badge-only operators an address that can never receive mail', () => {
    expect(operatorEmail('aurora', 'AUR-OP-9')).toBe('aurora.aur-op-9@operators.floorline.invalid')
  })
  it('tells a running lockout from an expired one', () => {
    const now = Date.parse('2026-11-22T12:00:00Z')
    expect(isLocked({ locked_until: '2026-11-22T12:10:00Z' }, now)).toBe(true)
    expect(isLocked({ locked_until: '2026-11-22T11:59:00Z' }, now)).toBe(false)
    expect(isLocked({ locked_until: null as unknown as string }, now)).toBe(false)
  })
})
