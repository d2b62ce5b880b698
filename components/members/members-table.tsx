'use client'
import { useState, useTransition } from 'react'
import { Alert } from '@/components/common/alert'
import { Menu, menuItemClass } from '@/components/common/menu'
import { Pill } from '@/components/common/pill'
import { initials } from '@/components/org/user-menu'
import { cn } from '@/lib/cn'
import { reactivateMember, unlockMember } from '@/lib/members/actions'
import { canManageMember, ROLE_LABEL, type Role } from '@/lib/members/roles'
import { isLocked, type MemberRow } from '@/lib/members/status'
import { ChangeRoleDialog, DeactivateDialog, ResetPinDialog } from './member-dialogs'

type Open = { kind: 'pin' | 'role' | 'deactivate'; member: MemberRow } | null

export function MembersTable({
  members,
  myRole,
  myMemberId,
  roles,
}: {
  members: MemberRow[]
  myRole: Role
  myMemberId: string
  roles: Role[]
}) {
  const [open, setOpen] = useState<Open>(null)
  const [error, setError] = useState<string | null>(null)
  const [pending, start] = useTransition()
  const canSupervise = myRole !== 'operator'
  const run = (fn: () => Promise<{ ok: boolean; message?: string }>) =>
    start(async () => {
      setError(null)
      const result = await fn()
      if (!result.ok) setError(result.message ?? 'That did not work. Try again.')
    })

  return (
    <div className="flex min-w-0 flex-col gap-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full min-w-[44rem] text-left text-sm" aria-busy={pending || undefined}>
          <thead className="border-b border-zinc-200 bg-zinc-50 text-xs font-medium tracking-wide text-zinc-500 dark:text-zinc-400 uppercase dark:border-zinc-800 dark:bg-zinc-900/60">
            <tr>
              <th scope="col" className="px-4 py-3">
                Member
              </th>
              <th scope="col" className="px-4 py-3">
                Role
              </th>
              <th scope="col" className="px-4 py-3">
                Team · Location
              </th>
              <th scope="col" className="px-4 py-3">
                Badge
              </th>
              <th scope="col" className="px-4 py-3">
                Status
              </th>
              <th scope="col" className="px-4 py-3">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {members.map((m) => {
              const locked = isLocked(m)
              const manageable = canManageMember(myRole, m.role) && m.member_id !== myMemberId
              return (
                <tr
                  key={m.member_id}
                  data-testid="member-row"
                  className={cn(!m.is_active && 'text-zinc-500 dark:text-zinc-400')}
                >
                  <td className="px-4 py-3">
                    <div className="flex items-center gap-3">
                      <span
                        aria-hidden="true"
                        className="grid size-9 shrink-0 place-items-center rounded-full bg-zinc-100 text-xs font-semibold text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
                      >
                        {initials(m.display_name)}
                      </span>
                      <div className="min-w-0">
                        <p className="truncate font-medium text-zinc-900 dark:text-zinc-100">{m.display_name}</p>
                        <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                          {m.email.endsWith('@operators.floorline.invalid') ? 'Badge only, no email' : m.email}
                        </p>
                      </div>
                    </div>
                  </td>
                  <td className="px-4 py-3">
                    <Pill tone={m.role === 'owner' || m.role === 'admin' ? 'brand' : 'neutral'}>
                      {ROLE_LABEL[m.role]}
                    </Pill>
                  </td>
                  <td className="px-4 py-3 text-zinc-600 dark:text-zinc-400">
                    {[m.team_name, m.location_name].filter(Boolean).join(' · ') || '—'}
                  </td>
                  <td className="px-4 py-3">
                    {m.badge_code ? (
                      <span className="flex flex-col">
                        <code className="font-mono text-xs">{m.badge_code}</code>
                        <span className="text-xs text-zinc-500 dark:text-zinc-400">
                          {m.has_pin ? 'PIN set' : 'No PIN yet'}
                        </span>
                      </span>
                    ) : (
                      <span className="text-zinc-500 dark:text-zinc-400">—</span>
                    )}
                  </td>
                  <td className="px-4 py-3">
                    {!m.is_active ? (
                      <Pill>Deactivated</Pill>
                    ) : locked ? (
                      <Pill tone="red">Locked out</Pill>
                    ) : (
                      <Pill tone="green">Active</Pill>
                    )}
                  </td>
                  <td className="px-2 py-3 text-right">
                    {canSupervise && (manageable || locked) ? (
                      <Menu
                        align="end"
                        label={`Actions for ${m.display_name}`}
                        button={
                          <svg
                            viewBox="0 0 20 20"
                            aria-hidden="true"
                            className="size-5 text-zinc-500 dark:text-zinc-400"
                          >
                            <circle cx="4" cy="10" r="1.6" fill="currentColor" />
                            <circle cx="10" cy="10" r="1.6" fill="currentColor" />
                            <circle cx="16" cy="10" r="1.6" fill="currentColor" />
                          </svg>
                        }
                      >
                        {(close) => (
                          <>
                            {locked ? (
                              <button
                                type="button"
                                className={menuItemClass}
                                onClick={() => {
                                  close()
                                  run(() => unlockMember({ memberId: m.member_id }))
                                }}
                              >
                                Unlock PIN-in
                              </button>
                            ) : null}
                            {manageable && m.is_active ? (
                              <>
                                <button
                                  type="button"
                                  className={menuItemClass}
                                  onClick={() => {
                                    close()
                                    setOpen({ kind: 'role', member: m })
                                  }}
                                >
                                  Change role
                                </button>
                                <button
                                  type="button"
                                  className={menuItemClass}
                                  onClick={() => {
                                    close()
                                    setOpen({ kind: 'pin', member: m })
                                  }}
                                >
                                  {m.has_pin ? 'Reset PIN' : 'Set PIN'}
                                </button>
                                <button
                                  type="button"
                                  className={cn(menuItemClass, 'text-red-600 dark:text-red-400')}
                                  onClick={() => {
                                    close()
                                    setOpen({ kind: 'deactivate', member: m })
                                  }}
                                >
                                  Deactivate
                                </button>
                              </>
                            ) : null}
                            {manageable && !m.is_active ? (
                              <button
                                type="button"
                                className={menuItemClass}
                                onClick={() => {
                                  close()
                                  run(() => reactivateMember({ memberId: m.member_id }))
                                }}
                              >
                                Reactivate
                              </button>
                            ) : null}
                          </>
                        )}
                      </Menu>
                    ) : null}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {open?.kind === 'pin' ? <ResetPinDialog member={open.member} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'role' ? (
        <ChangeRoleDialog member={open.member} roles={roles} onClose={() => setOpen(null)} />
      ) : null}
      {open?.kind === 'deactivate' ? <DeactivateDialog member={open.member} onClose={() => setOpen(null)} /> : null}
    </div>
  )
}
