import Link from 'next/link'
import { Alert } from '@/components/common/alert'
import { EmptyState } from '@/components/common/empty-state'
import { PageHeader } from '@/components/common/page-header'
import { InviteButton } from '@/components/members/invite-button'
import { MembersTable } from '@/components/members/members-table'
import { PendingInvitations } from '@/components/members/pending-invitations'
import { buttonClasses } from '@/components/ui'
import { pendingInvitations } from '@/lib/invitations/queries'
import { listMembers } from '@/lib/members/queries'
import { assignableRoles, atLeast } from '@/lib/members/roles'
import { orgPlaces, requireOrg } from '@/lib/orgs/queries'

export const metadata = { title: 'Members' }

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireOrg((await params).org)
  if (!org.can_act || !atLeast(org.role, 'supervisor')) {
    return (
      <>
        <PageHeader title="Members" />
        <Alert tone="info">Supervisors and above see the member list. Ask an admin if you need it.</Alert>
      </>
    )
  }
  const canInvite = atLeast(org.role, 'admin')
  const [members, places, invitations] = await Promise.all([
    listMembers(org.org_id),
    orgPlaces(org.org_id),
    canInvite ? pendingInvitations(org.org_id) : Promise.resolve([]),
  ])
  const roles = assignableRoles(org.role)
  const active = members.filter((m) => m.is_active).length
  const badges = members.filter((m) => m.is_active && m.badge_code).length

  return (
    <>
      <PageHeader
        title="Members"
        description={`${active} active ${active === 1 ? 'member' : 'members'} of ${org.name}${canInvite ? '' : ' · only admins and owners change members'}`}
        actions={
          <>
            {badges > 0 ? (
              <Link href={`/${org.slug}/settings/members/badges`} className={buttonClasses({ variant: 'secondary' })}>
                Print badges
              </Link>
            ) : null}
            {canInvite ? (
              <InviteButton
                orgId={org.org_id}
                roles={roles}
                teams={places.teams.filter((t) => t.is_active).map(({ id, name }) => ({ id, name }))}
                locations={places.locations.filter((l) => l.is_active).map(({ id, name }) => ({ id, name }))}
              />
            ) : null}
          </>
        }
      />
      {members.length === 0 ? (
        <EmptyState title="No members yet">Invite the people who work here.</EmptyState>
      ) : (
        <MembersTable members={members} myRole={org.role} myMemberId={org.member_id} roles={roles} />
      )}
      <PendingInvitations invitations={invitations} />
    </>
  )
}
