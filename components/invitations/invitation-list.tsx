'use client'
import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { Alert } from '@/components/common/alert'
import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui'
import { formatDate } from '@/lib/format'
import { acceptInvitation, declineInvitation } from '@/lib/invitations/actions'
import type { MyInvitation } from '@/lib/invitations/queries'
import { ROLE_LABEL } from '@/lib/members/roles'

/** The invitee's pending invitations, each accepted or declined by the person signed in here. */
export function InvitationList({ invitations, highlight }: { invitations: MyInvitation[]; highlight?: string }) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const answer = (id: string, accept: boolean) =>
    startTransition(async () => {
      setBusy(id)
      setError(null)
      const result = accept
        ? await acceptInvitation({ invitationId: id })
        : await declineInvitation({ invitationId: id })
      setBusy(null)
      if (!result.ok) return setError(result.message)
      if (accept && result.data) router.push(`/${result.data.orgSlug}`)
      else router.refresh()
    })

  return (
    <div className="flex flex-col gap-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <ul className="flex flex-col gap-4">
        {invitations.map((inv) => (
          <li key={inv.invitation_id}>
            <Card className={inv.invitation_id === highlight ? 'border-brand-500' : undefined}>
              <CardHeader>
                <CardTitle>{inv.org_name}</CardTitle>
                <CardDescription>
                  {inv.invited_by_name ? `${inv.invited_by_name} invites you` : 'You are invited'} to join as{' '}
                  <strong>{ROLE_LABEL[inv.role]}</strong>, named “{inv.display_name}”. Open until{' '}
                  {formatDate(inv.expires_at, { year: 'always' })}.
                </CardDescription>
              </CardHeader>
              <CardContent className="flex flex-wrap gap-2">
                <Button
                  size="touch"
                  disabled={pending}
                  aria-busy={busy === inv.invitation_id}
                  onClick={() => answer(inv.invitation_id, true)}
                >
                  Join {inv.org_name}
                </Button>
                <Button
                  variant="ghost"
                  size="touch"
                  disabled={pending}
                  onClick={() => answer(inv.invitation_id, false)}
                >
                  Decline
                </Button>
              </CardContent>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  )
}
