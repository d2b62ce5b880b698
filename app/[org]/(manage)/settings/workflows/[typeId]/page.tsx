import { notFound } from 'next/navigation'
import { Alert } from '@/components/common/alert'
import { PageHeader } from '@/components/common/page-header'
import { Pill } from '@/components/common/pill'
import { Card, CardContent } from '@/components/ui'
import { CopyTypeButton } from '@/components/workflows/copy-type-button'
import { SystemTypeView } from '@/components/workflows/system-type-view'
import { WorkflowEditor } from '@/components/workflows/workflow-editor'
import { atLeast } from '@/lib/members/roles'
import { requireOrg } from '@/lib/orgs/queries'
import { typeFormValues } from '@/lib/workflows/form-values'
import { SUBJECT_LABEL } from '@/lib/workflows/labels'
import { getTypeDefinition, typeUsage } from '@/lib/workflows/queries'
import { WorkflowsBreadcrumb } from '../breadcrumb'

export const metadata = { title: 'Workflow' }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** One workflow: the editor for the workshop's own, a read-only view (with Copy) for a system type. */
export default async function WorkflowPage({ params }: { params: Promise<{ org: string; typeId: string }> }) {
  const { org: slug, typeId } = await params
  const { org } = await requireOrg(slug)
  if (!org.can_act || !atLeast(org.role, 'manager')) {
    return (
      <>
        <PageHeader title="Workflow" />
        <Alert tone="info">Managers and above set up the workshop’s workflows.</Alert>
      </>
    )
  }
  if (!UUID.test(typeId)) notFound()
  const type = await getTypeDefinition(org.org_id, typeId)
  if (!type) notFound()
  const header = (
    <PageHeader
      title={type.type_name}
      description={
        <span className="flex flex-wrap items-center gap-2">
          {SUBJECT_LABEL[type.subject]} · <span className="font-mono">{type.type_code}</span> · version {type.version}
          {type.is_system_defined ? <Pill>System: read-only</Pill> : null}
          {type.archived_at ? <Pill tone="amber">Archived</Pill> : null}
        </span>
      }
      actions={type.is_system_defined ? <CopyTypeButton slug={org.slug} orgId={org.org_id} source={type} /> : undefined}
    />
  )
  if (type.is_system_defined) {
    return (
      <div className="flex flex-col gap-6">
        <WorkflowsBreadcrumb slug={org.slug} />
        {header}
        <Card>
          <CardContent>
            <SystemTypeView fsm={type.fsm_schema} name={type.type_name} />
          </CardContent>
        </Card>
      </div>
    )
  }
  const { values, fieldsNote } = typeFormValues(org.org_id, type)
  const live = (await typeUsage(org.org_id)).get(type.id) ?? {}
  return (
    <div className="flex flex-col gap-6">
      <WorkflowsBreadcrumb slug={org.slug} />
      {header}
      <WorkflowEditor key={type.id} slug={org.slug} values={values} fieldsNote={fieldsNote} live={live} />
    </div>
  )
}
