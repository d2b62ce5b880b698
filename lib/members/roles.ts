import { Constants, type Database } from '@/types/database'

export type Role = Database['public']['Enums']['member_role']

/** Ascending power, as the database enum is declared: `role >= 'manager'` means manager or above. */
export const ROLES: readonly Role[] = Constants.public.Enums.member_role

export const ROLE_LABEL: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  manager: 'Manager',
  supervisor: 'Supervisor',
  operator: 'Operator',
}

export const ROLE_HINT: Record<Role, string> = {
  owner: 'Everything, including billing and other owners',
  admin: 'Adds people, changes roles, resets PINs, edits the workshop',
  manager: 'Manages locations and teams; reads members and the audit log',
  supervisor: 'Runs the floor: signs tablets in, unlocks people, sees everyone',
  operator: 'Works on the floor: PINs in on a station tablet',
}

export const rank = (role: Role): number => ROLES.indexOf(role)
export const atLeast = (role: Role, min: Role): boolean => rank(role) >= rank(min)

/** Roles a caller may hand out: owners anything, admins up to admin, nobody else any (docs/tenancy.md §2). */
export function assignableRoles(caller: Role): Role[] {
  if (caller === 'owner') return [...ROLES].reverse()
  if (caller === 'admin') return ROLES.filter((r) => r !== 'owner').reverse()
  return []
}

/** Whether a caller may change, deactivate or reset the PIN of someone with `target` role. */
export function canManageMember(caller: Role, target: Role): boolean {
  return atLeast(caller, 'admin') && (target !== 'owner' || caller === 'owner')
}
