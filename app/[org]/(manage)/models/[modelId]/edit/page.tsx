import { notFound } from 'next/navigation'
import { Alert } from '@/components/common/alert'
import { PageHeader } from '@/components/common/page-header'
import { ModelForm } from '@/components/models/model-form'
import { workflowStages } from '@/lib/batches/queries'
import { atLeast } from '@/lib/members/roles'
import { modelFormValues } from '@/lib/models/form-values'
import { listModels } from '@/lib/models/queries'
import { orgSettings } from '@/lib/orders/queries'
import { requireOrg } from '@/lib/orgs/queries'
import { ModelsBreadcrumb } from '../../breadcrumb'

export const metadata = { title: 'Edit model' }

export default async function EditModelPage({ params }: { params: Promise<{ org: string; modelId: string }> }) {
  const { org: slug, modelId } = await params
  const { org } = await requireOrg(slug)
  if (!org.can_act || !atLeast(org.role, 'manager')) {
    return (
      <>
        <PageHeader title="Edit model" />
        <Alert tone="info">Managers and above edit the catalogue.</Alert>
      </>
    )
  }
  const [models, settings, stages] = await Promise.all([
    listModels(org.org_id),
    orgSettings(org.org_id),
    workflowStages(org.org_id),
  ])
  const model = models.find((m) => m.id === modelId)
  if (!model) notFound()
  return (
    <div className="flex flex-col gap-6">
      <ModelsBreadcrumb slug={org.slug} />
      <PageHeader
        title={`Edit ${model.name}`}
        description={model.is_active ? undefined : 'Archived: restore it from the catalogue to take orders for it.'}
      />
      <div className="max-w-3xl">
        <ModelForm
          slug={org.slug}
          values={modelFormValues(
            org.org_id,
            model,
            stages.map((s) => s.stage),
          )}
          currency={settings.currency}
        />
      </div>
    </div>
  )
}
