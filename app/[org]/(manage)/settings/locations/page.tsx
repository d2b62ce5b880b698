import { PageHeader } from '@/components/common/page-header'
import { PlacesManager } from '@/components/locations/places-manager'
import { atLeast } from '@/lib/members/roles'
import { orgPlaces, requireOrg } from '@/lib/orgs/queries'

export const metadata = { title: 'Locations & teams' }

export default async function LocationsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireOrg((await params).org)
  const canEdit = org.can_act && atLeast(org.role, 'manager')
  const { locations, teams } = org.can_act ? await orgPlaces(org.org_id) : { locations: [], teams: [] }
  return (
    <>
      <PageHeader
        title="Locations & teams"
        description={
          canEdit
            ? 'Where work happens and who does it.'
            : 'Where work happens and who does it. Managers and above change these.'
        }
      />
      <PlacesManager orgId={org.org_id} canEdit={canEdit} locations={locations} teams={teams} />
    </>
  )
}
