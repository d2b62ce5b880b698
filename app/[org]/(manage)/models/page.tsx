import Link from 'next/link'
import { Alert } from '@/components/common/alert'
import { EmptyState } from '@/components/common/empty-state'
import { PageHeader } from '@/components/common/page-header'
import { ModelActiveButton } from '@/components/models/model-active-button'
import { buttonClasses } from '@/components/ui'
import { atLeast } from '@/lib/members/roles'
import { listModels } from '@/lib/models/queries'
import { orgSettings } from '@/lib/orders/queries'
import { requireOrg } from '@/lib/orgs/queries'
import { ModelCard } from './model-card'

export const metadata = { title: 'Models' }

/** The catalogue: every model with its woods, price, and stage hours and QC checklists. Managers+ edit it. */
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
  const canEdit = atLeast(org.role, 'manager')
  const [models, settings] = await Promise.all([listModels(org.org_id), orgSettings(org.org_id)])
  const active = models.filter((m) => m.is_active).length
  const newModel = canEdit ? (
    <Link href={`/${org.slug}/models/new`} className={buttonClasses()}>
      New model
    </Link>
  ) : null
  return (
    <>
      <PageHeader
        title="Models"
        description={`${active} ${active === 1 ? 'model' : 'models'} in the catalogue. Open a stage for its quality checklist.`}
        actions={models.length ? newModel : null}
      />
      {models.length === 0 ? (
        <EmptyState title="No models yet — add your first" action={newModel}>
          {canEdit
            ? 'A model has its woods, a price, and hours and a QC checklist per stage. Orders are taken for models.'
            : 'Models appear here once a manager adds them to the catalogue.'}
        </EmptyState>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          {models.map((m) => (
            <ModelCard
              key={m.id}
              model={m}
              currency={settings.currency}
              actions={
                canEdit ? (
                  <>
                    <Link
                      href={`/${org.slug}/models/${m.id}/edit`}
                      className={buttonClasses({ variant: 'secondary', size: 'sm' })}
                      aria-label={`Edit ${m.name}`}
                    >
                      Edit
                    </Link>
                    <ModelActiveButton modelId={m.id} name={m.name} isActive={m.is_active} />
                  </>
                ) : null
              }
            />
          ))}
        </div>
      )}
    </>
  )
}
