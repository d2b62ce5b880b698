import type { Database } from '@/types/database'

export type MemberRow = Database['public']['Functions']['list_members']['Returns'][number]

/** Whether a member's PIN-in is locked right now. */
export function isLocked(member: Pick<MemberRow, 'locked_until'>, now = Date.now()): boolean {
  return Boolean(member.locked_until && Date.parse(member.locked_until) > now)
}
