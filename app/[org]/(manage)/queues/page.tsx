import Link from 'next/link'
import { Alert } from '@/components/common/alert'
import { PageHeader } from '@/components/common/page-header'
import { Pill } from '@/components/common/pill'
import { QueueArchive } from '@/components/floor-queues/queue-archive'
import { QueueBoard } from '@/components/floor-queues/queue-board'
import { QueueForm } from '@/components/floor-queues/queue-form'
import { WorkloadPanel } from '@/components/floor-queues/workload-panel'
import { cn } from '@/lib/cn'
import { floorContext } from '@/lib/floor/queries'
import { fromStoredRule } from '@/lib/floor-queues/schemas'
import { describeRule } from '@/lib/floor-queues/text'
import type { ManagedEntry, ManagedQueue, Worker } from '@/lib/floor-queues/types'
import { expectRpc, jsonArray, jsonObject } from '@/lib/rpc'
import { createClient } from '@/lib/supabase/server'

export const metadata = { title: 'Queues' }
export const dynamic = 'force-dynamic'

/**
 * /[org]/queues (supervisors+; docs/floor.md §18): the floor's work queues — create, edit, archive;
 * one queue's work to reorder, prioritise, assign (to people PINed in at its location, with their
 * load), move, change in bulk and balance. Every change is one RPC and reaches the tablets live.
 */
export default async function QueuesPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<{ q?: string }>
}) {
  const slug = (await params).org
  const ctx = await floorContext(slug)
  if (!ctx.supervisor) {
    return (
      <>
        <PageHeader title="Queues" />
        <Alert tone="warning">Queue management is for supervisors and above.</Alert>
      </>
    )
  }
  const orgId = ctx.org.org_id
  const supabase = await createClient()
  const [queuesRes, locationsRes, teamsRes, stagesRes] = await Promise.all([
    supabase.rpc('floor_queues', { p_org_id: orgId, p_include_inactive: true }),
    supabase.from('locations').select('id, name').eq('org_id', orgId).eq('is_active', true).order('name'),
    supabase.from('teams').select('id, name').eq('org_id', orgId).eq('is_active', true).order('name'),
    supabase.rpc('batch_stages', { p_org_id: orgId }),
  ])
  const queues = expectRpc(jsonArray<ManagedQueue>(), queuesRes, 'floor_queues')
  const stages = stagesRes.error
    ? []
    : expectRpc(jsonObject<{ stages: Array<{ stage: string; name: string }> }>(), stagesRes, 'batch_stages').stages
  const locations = locationsRes.data ?? []
  const teams = teamsRes.data ?? []
  const wanted = (await searchParams).q
  const selected = queues.find((q) => q.id === wanted) ?? queues.find((q) => q.is_active) ?? queues[0]

  let entries: ManagedEntry[] = []
  let workers: Worker[] = []
  if (selected) {
    const [itemsRes, workRes] = await Promise.all([
      supabase.rpc('floor_queue_items', { p_queue_id: selected.id, p_limit: 500 }),
      supabase.rpc('floor_workload', { p_org_id: orgId, p_queue_id: selected.id }),
    ])
    entries = expectRpc(jsonObject<{ items: ManagedEntry[] }>(), itemsRes, 'floor_queue_items').items
    workers = expectRpc(jsonArray<Worker>(), workRes, 'floor_workload')
  }
  const blank = {
    name: '',
    locationId: '',
    teamId: '',
    stage: '',
    maxItems: '',
    autoAssign: false,
    memberCapacity: 3,
    rules: [],
  }
  const formProps = { orgId, slug, locations, teams, stages }

  return (
    <>
      <PageHeader
        title="Queues"
        description="The floor's work queues: what waits where, in which order, for whom. Changes reach the tablets at once."
      />
      <details className="rounded-2xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
        <summary className="cursor-pointer text-base font-semibold">New queue</summary>
        <div className="mt-4">
          <QueueForm {...formProps} initial={blank} />
        </div>
      </details>
      {queues.length === 0 ? (
        <Alert>No queues yet: create the first one above.</Alert>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
          <nav aria-label="Queues">
            <ul className="flex flex-row flex-wrap gap-2 lg:flex-col">
              {queues.map((q) => (
                <li key={q.id}>
                  <Link
                    href={`/${slug}/queues?q=${q.id}`}
                    aria-current={q.id === selected?.id ? 'page' : undefined}
                    className={cn(
                      'flex items-center justify-between gap-2 rounded-lg px-3 py-2 text-sm',
                      q.id === selected?.id
                        ? 'bg-brand-600 text-on-brand dark:bg-brand-500'
                        : 'hover:bg-zinc-100 dark:hover:bg-zinc-800',
                    )}
                  >
                    <span className="truncate">
                      {q.name}
                      {q.is_active ? '' : ' (archived)'}
                    </span>
                    <span className="tabular-nums">{q.metrics.waiting}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {selected ? (
            <div className="flex min-w-0 flex-col gap-5">
              <section
                aria-labelledby="queue-title"
                className="flex flex-col gap-3 rounded-2xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
              >
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <h2 id="queue-title" className="text-xl font-semibold">
                      {selected.name} {selected.is_active ? null : <Pill tone="amber">Archived</Pill>}
                    </h2>
                    <p className="text-sm text-zinc-600 dark:text-zinc-400">
                      {selected.location?.name ?? 'Any location'}
                      {selected.team ? ` · ${selected.team.name}` : ''}
                      {selected.stage ? ` · stage ${selected.stage}` : ''} · {selected.member_capacity} per person
                      {selected.max_items ? ` · at most ${selected.max_items}` : ''}
                      {selected.auto_assign ? ' · auto-assign' : ''}
                    </p>
                  </div>
                  <QueueArchive queueId={selected.id} name={selected.name} archived={!selected.is_active} />
                </div>
                {selected.priority_rules.length ? (
                  <ol className="list-inside list-decimal text-sm" aria-label="Priority rules">
                    {selected.priority_rules.map((r) => (
                      <li key={`${r.condition}-${r.priority}`}>{describeRule(fromStoredRule(r))}</li>
                    ))}
                  </ol>
                ) : (
                  <p className="text-sm text-zinc-600 dark:text-zinc-400">
                    No priority rules: production priority decides.
                  </p>
                )}
                <details>
                  <summary className="cursor-pointer text-sm font-medium">Edit queue</summary>
                  <div className="mt-4">
                    <QueueForm
                      key={selected.id}
                      {...formProps}
                      queueId={selected.id}
                      initial={{
                        name: selected.name,
                        locationId: selected.location?.id ?? '',
                        teamId: selected.team?.id ?? '',
                        stage: selected.stage ?? '',
                        maxItems: selected.max_items ?? '',
                        autoAssign: selected.auto_assign,
                        memberCapacity: selected.member_capacity,
                        rules: selected.priority_rules.map(fromStoredRule),
                      }}
                    />
                  </div>
                </details>
              </section>
              <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
                <QueueBoard
                  key={selected.id}
                  orgId={orgId}
                  queueId={selected.id}
                  entries={entries}
                  workers={workers}
                  otherQueues={queues
                    .filter((q) => q.id !== selected.id && q.is_active)
                    .map((q) => ({ id: q.id, name: q.name }))}
                />
                <WorkloadPanel key={selected.id} queueId={selected.id} workers={workers} />
              </div>
            </div>
          ) : null}
        </div>
      )}
    </>
  )
}
