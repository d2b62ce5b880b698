import { Alert } from '@/components/common/alert'
import { PageHeader } from '@/components/common/page-header'
import { ModelForm } from '@/components/models/model-form'
import { workflowStages } from '@/lib/batches/queries'
import { atLeast } from '@/lib/members/roles'
import { blankModel } from '@/lib/models/form-values'
import { orgSettings } from '@/lib/orders/queries'
import { requireOrg } from '@/lib/orgs/queries'
import { ModelsBreadcrumb } from '../breadcrumb'

export const metadata = { title: 'New model' }

export default async function NewModelPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireOrg((await params).org)
  if (!org.can_act || !atLeast(org.role, 'manager')) {
    return (
      <>
        <PageHeader title="New model" />
        <Alert tone="info">Managers and above add models to the catalogue.</Alert>
      </>
    )
  }
  const [settings, stages] = await Promise.all([orgSettings(org.org_id), workflowStages(org.org_id)])
  return (
    <div className="flex flex-col gap-6">
      <ModelsBreadcrumb slug={org.slug} />
      <PageHeader title="New model" description="Its woods, price, and per stage the hours and what to check." />
      <div className="max-w-3xl">
        <ModelForm
          slug={org.slug}
          values={blankModel(
            org.org_id,
            stages.map((s) => s.stage),
          )}
          currency={settings.currency}
        />
      </div>
    </div>
  )
}
