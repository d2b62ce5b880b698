'use client'
import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { Alert } from '@/components/common/alert'
import { Button } from '@/components/ui'
import { formatDate } from '@/lib/format'
import { revokeInvitation } from '@/lib/invitations/actions'
import type { OrgInvitation } from '@/lib/invitations/queries'
import { ROLE_LABEL } from '@/lib/members/roles'

/**
 * Invitations waiting for people who already had an account. They are not members yet, so there is
 * nothing to set on them (no PIN, no badge) until they accept on their own /invitations screen.
 */
export function PendingInvitations({ invitations }: { invitations: OrgInvitation[] }) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [error, setError] = useState<string | null>(null)
  if (invitations.length === 0) return null
  const revoke = (id: string) =>
    startTransition(async () => {
      const result = await revokeInvitation({ invitationId: id })
      if (!result.ok) setError(result.message)
      else router.refresh()
    })
  return (
    <section aria-labelledby="pending-invitations" className="mt-8 flex flex-col gap-3">
      <h2 id="pending-invitations" className="text-lg font-semibold">
        Waiting to accept
      </h2>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {invitations.map((inv) => (
          <li key={inv.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div className="min-w-0">
              <p className="font-medium">{inv.display_name}</p>
              <p className="truncate text-sm text-zinc-600 dark:text-zinc-400">
                {inv.email} · {ROLE_LABEL[inv.role]} · open until {formatDate(inv.expires_at, { year: 'always' })}
              </p>
            </div>
            <Button variant="ghost" size="sm" disabled={pending} onClick={() => revoke(inv.id)}>
              Withdraw
            </Button>
          </li>
        ))}
      </ul>
    </section>
  )
}
