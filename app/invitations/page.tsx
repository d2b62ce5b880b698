import Link from 'next/link'
import { redirect } from 'next/navigation'
import { EmptyState } from '@/components/common/empty-state'
import { InvitationList } from '@/components/invitations/invitation-list'
import { buttonClasses } from '@/components/ui'
import { myInvitations } from '@/lib/invitations/queries'
import { currentClaims } from '@/lib/orgs/queries'

export const metadata = { title: 'Invitations' }

/**
 * Where an invited person joins a workshop: the link an admin shares points here. Joining needs the
 * person signed in with their own account (docs/security.md): nobody else can accept for them.
 */
export default async function InvitationsPage({ searchParams }: { searchParams: Promise<{ id?: string }> }) {
  const { id } = await searchParams
  const claims = await currentClaims()
  if (!claims) redirect(`/login?next=${encodeURIComponent(id ? `/invitations?id=${id}` : '/invitations')}`)
  const invitations = await myInvitations()

  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-6 px-5 py-10">
      <header className="flex items-center justify-between gap-4">
        <h1 className="text-3xl font-bold tracking-tight">Invitations</h1>
        <Link href="/" className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
          Your workshops
        </Link>
      </header>
      <p className="text-zinc-600 dark:text-zinc-400">
        Signed in as <strong>{claims.email}</strong>. You join a workshop only when you accept here.
      </p>
      {invitations.length === 0 ? (
        <EmptyState title="No invitations waiting">
          An invitation shows here when a workshop invites {claims.email}. It may have expired or been withdrawn.
        </EmptyState>
      ) : (
        <InvitationList invitations={invitations} highlight={id} />
      )}
    </main>
  )
}
