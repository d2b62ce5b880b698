import { Alert } from '@/components/common/alert'
import { EmptyState } from '@/components/common/empty-state'
import { PageHeader } from '@/components/common/page-header'
import { listModels } from '@/lib/models/queries'
import { orgSettings } from '@/lib/orders/queries'
import { requireOrg } from '@/lib/orgs/queries'
import { ModelCard } from './model-card'

export const metadata = { title: 'Models' }

/** The catalogue: every model with its woods, price, and stage hours and QC checklists. */
export default async function ModelsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireOrg((await params).org)
  if (!org.can_act) {
    return (
      <>
        <PageHeader title="Models" />
        <Alert tone="info">The catalogue shows on a station tablet while you are PINed in.</Alert>
      </>
    )
  }
  const [models, settings] = await Promise.all([listModels(org.org_id), orgSettings(org.org_id)])
  const active = models.filter((m) => m.is_active).length
  return (
    <>
      <PageHeader
        title="Models"
        description={`${active} ${active === 1 ? 'model' : 'models'} in the catalogue. Open a stage for its quality checklist.`}
      />
      {models.length === 0 ? (
        <EmptyState title="No models yet">Models appear here once they are added to the catalogue.</EmptyState>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          {models.map((m) => (
            <ModelCard key={m.id} model={m} currency={settings.currency} />
          ))}
        </div>
      )}
    </>
  )
}
