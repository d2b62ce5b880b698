import Link from 'next/link'
import { Alert } from '@/components/common/alert'
import { EmptyState } from '@/components/common/empty-state'
import { PageHeader } from '@/components/common/page-header'
import { Pill } from '@/components/common/pill'
import { Card } from '@/components/ui'
import { buttonClasses } from '@/components/ui/button'
import { ArchiveTypeButton } from '@/components/workflows/archive-type-button'
import { CopyTypeButton } from '@/components/workflows/copy-type-button'
import { atLeast } from '@/lib/members/roles'
import { requireOrg } from '@/lib/orgs/queries'
import { SUBJECT_LABEL } from '@/lib/workflows/labels'
import { listTypeDefinitions, liveTotal, type TypeDefinition, typeUsage } from '@/lib/workflows/queries'

export const metadata = { title: 'Workflows' }

/**
 * How each kind of thing moves: the system types every workshop starts from (read-only; copy one to
 * change it) and the workshop's own, grouped by what they are for. Managers and above edit them.
 */
export default async function WorkflowsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireOrg((await params).org)
  if (!org.can_act || !atLeast(org.role, 'manager')) {
    return (
      <>
        <PageHeader title="Workflows" />
        <Alert tone="info">Managers and above set up the workshop’s workflows.</Alert>
      </>
    )
  }
  const [types, usage] = await Promise.all([listTypeDefinitions(org.org_id), typeUsage(org.org_id)])
  const subjects = [...new Set(types.map((t) => t.subject))]
  return (
    <>
      <PageHeader
        title="Workflows"
        description="The states a batch or a ticket moves through, how it moves, and what it carries. System workflows are read-only: copy one to make it your own."
      />
      {types.length === 0 ? (
        <EmptyState title="No workflows yet">System workflows appear here once the database has them.</EmptyState>
      ) : (
        subjects.map((subject) => (
          <section key={subject} aria-labelledby={`subject-${subject}`} className="flex flex-col gap-3">
            <h2 id={`subject-${subject}`} className="text-lg font-semibold">
              {SUBJECT_LABEL[subject]}
            </h2>
            <Card>
              <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {types
                  .filter((t) => t.subject === subject)
                  .map((t) => (
                    <TypeRow key={t.id} type={t} slug={org.slug} orgId={org.org_id} live={liveTotal(usage.get(t.id))} />
                  ))}
              </ul>
            </Card>
          </section>
        ))
      )}
    </>
  )
}

function TypeRow({ type: t, slug, orgId, live }: { type: TypeDefinition; slug: string; orgId: string; live: number }) {
  const href = `/${slug}/settings/workflows/${t.id}`
  const states = t.fsm_schema.states.length
  return (
    <li className="flex flex-wrap items-center gap-3 px-5 py-4" data-testid="workflow-row">
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2">
          <Link href={href} className="font-medium hover:underline">
            {t.type_name}
          </Link>
          {t.is_system_defined ? <Pill>System</Pill> : <Pill tone="brand">Yours</Pill>}
          {t.archived_at ? <Pill tone="amber">Archived</Pill> : null}
        </p>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          <span className="font-mono">{t.type_code}</span> · {states} {states === 1 ? 'state' : 'states'} ·{' '}
          {t.fsm_schema.transitions.length} transitions · version {t.version}
          {live ? ` · ${live} live ${live === 1 ? 'item' : 'items'}` : ''}
        </p>
      </div>
      <div className="flex flex-wrap items-start gap-2">
        {t.is_system_defined ? (
          <>
            <Link
              href={href}
              className={buttonClasses({ variant: 'ghost', size: 'sm' })}
              aria-label={`View ${t.type_name}`}
            >
              View
            </Link>
            <CopyTypeButton slug={slug} orgId={orgId} source={t} />
          </>
        ) : (
          <>
            <Link
              href={href}
              className={buttonClasses({ variant: 'secondary', size: 'sm' })}
              aria-label={`Edit ${t.type_name}`}
            >
              Edit
            </Link>
            <ArchiveTypeButton id={t.id} name={t.type_name} archived={Boolean(t.archived_at)} />
          </>
        )}
      </div>
    </li>
  )
}
