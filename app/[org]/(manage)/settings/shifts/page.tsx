import { Alert } from '@/components/common/alert'
import { PageHeader } from '@/components/common/page-header'
import { ShiftForm } from '@/components/dashboard/shift-form'
import { atLeast } from '@/lib/members/roles'
import { requireOrg } from '@/lib/orgs/queries'
import { createClient } from '@/lib/supabase/server'

export const metadata = { title: 'Shifts' }

/** The organisation's shifts (dashboards count per shift): managers edit, everyone reads. */
export default async function ShiftsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireOrg((await params).org)
  const supabase = await createClient()
  const { data, error } = await supabase
    .from('shifts')
    .select('id, code, name, starts_at, ends_at, archived_at')
    .eq('org_id', org.org_id)
    .order('archived_at', { nullsFirst: true })
    .order('position')
    .order('starts_at')
  if (error) throw new Error(`shifts: ${error.message}`)
  const manager = atLeast(org.role, 'manager')
  return (
    <>
      <PageHeader
        title="Shifts"
        description="The dashboard counts work per shift. A shift that ends at or before it starts runs past midnight."
      />
      {!manager ? <Alert tone="info">Managers and above change shifts.</Alert> : null}
      {manager ? (
        <div className="flex flex-col gap-3">
          {data.map((s) => (
            <ShiftForm key={s.id} orgId={org.org_id} shift={s} />
          ))}
          <h2 className="mt-4 text-lg font-semibold">Add a shift</h2>
          <ShiftForm orgId={org.org_id} />
        </div>
      ) : (
        <ul className="flex flex-col gap-2">
          {data
            .filter((s) => !s.archived_at)
            .map((s) => (
              <li key={s.id}>
                {s.name} ({s.code}): {s.starts_at.slice(0, 5)}–{s.ends_at.slice(0, 5)}
              </li>
            ))}
        </ul>
      )}
    </>
  )
}
