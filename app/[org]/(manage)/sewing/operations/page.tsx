import Link from 'next/link'
import { Alert } from '@/components/common/alert'
import { EmptyState } from '@/components/common/empty-state'
import { PageHeader } from '@/components/common/page-header'
import { DependencyGraph } from '@/components/sewing/dependency-graph'
import { OperationsEditor } from '@/components/sewing/operations-editor'
import { buttonClasses, Card } from '@/components/ui'
import { cn } from '@/lib/cn'
import { floorContext } from '@/lib/floor/queries'
import { atLeast } from '@/lib/members/roles'
import { operationsEditor } from '@/lib/sewing/queries'

export const metadata = { title: 'Sewing operations' }
export const dynamic = 'force-dynamic'

/**
 * The sewing operations of each product type (issue 14, managers+): in sequence with SMV, piece rate
 * (and its history), machine, skill, QC defect codes and what each depends on, the dependency graph
 * drawn, and a form per operation. The database refuses a dependency cycle under the field.
 */
export default async function SewingOperationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const slug = (await params).org
  const ctx = await floorContext(slug)
  if (!ctx.org.can_act || !atLeast(ctx.org.role, 'manager'))
    return <Alert tone="warning">Sewing operations are set up by managers and above.</Alert>
  const raw = (await searchParams).type
  const data = await operationsEditor(ctx.org.org_id, typeof raw === 'string' ? raw : undefined)
  return (
    <>
      <PageHeader
        title="Sewing operations"
        description="The operations each product type is sewn in: standard minutes (SMV), piece rate, machine, skill, QC defect codes and what each one waits for."
        actions={
          <Link href={`/${slug}/sewing`} className={buttonClasses({ variant: 'secondary' })}>
            Line board
          </Link>
        }
      />
      {data.types.length === 0 || !data.type ? (
        <EmptyState title="No product types yet">
          Product types (T-SHIRT, POLO…) come with the workshop’s styles.
        </EmptyState>
      ) : (
        <>
          <nav aria-label="Product types">
            <ul className="flex flex-wrap gap-2">
              {data.types.map((t) => {
                const current = t.id === data.type?.id
                return (
                  <li key={t.id}>
                    <Link
                      href={`/${slug}/sewing/operations?type=${encodeURIComponent(t.code)}`}
                      aria-current={current ? 'page' : undefined}
                      className={cn(
                        'inline-flex min-h-11 items-center rounded-full border px-4 text-sm font-medium',
                        current
                          ? 'border-brand-600 bg-brand-600 text-on-brand dark:border-brand-500 dark:bg-brand-500'
                          : 'border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800',
                      )}
                    >
                      {t.code} · {data.counts[t.id] ?? 0}
                      {t.archived_at ? ' (archived)' : ''}
                    </Link>
                  </li>
                )
              })}
            </ul>
          </nav>
          <section aria-labelledby="graph-heading" className="flex flex-col gap-3">
            <h2 id="graph-heading" className="text-lg font-semibold">
              {data.type.name}: how the operations depend on each other
            </h2>
            <Card className="p-3">
              {data.operations.length ? (
                <DependencyGraph operations={data.operations} title={`${data.type.code} operation dependencies`} />
              ) : (
                <p className="p-3 text-zinc-600 dark:text-zinc-400">No operations yet: add the first one below.</p>
              )}
            </Card>
          </section>
          <OperationsEditor
            orgId={ctx.org.org_id}
            type={{ id: data.type.id, code: data.type.code, name: data.type.name }}
            operations={data.operations}
            rates={data.rates}
            currency={data.currency}
            timeZone={ctx.timeZone}
          />
        </>
      )}
    </>
  )
}
