import Link from 'next/link'
import { Alert } from '@/components/common/alert'
import { PageHeader } from '@/components/common/page-header'
import { Pill } from '@/components/common/pill'
import { type FloorStatus, FloorStatusSections } from '@/components/dashboard/floor-status'
import { type ApprovalAlerts, ApprovalAlertsNotice } from '@/components/floor/approval-alerts'
import { FloorLiveRefresh, type LiveSession, SessionCards } from '@/components/floor/floor-live'
import { MessageComposer } from '@/components/floor/message-composer'
import { MessageLog } from '@/components/floor/message-log'
import { OpenFlags } from '@/components/floor/open-flags'
import { buttonClasses } from '@/components/ui'
import { formatMinutes, PRIORITY_TONE } from '@/lib/floor/format'
import { floorContext } from '@/lib/floor/queries'
import type { Priority, Queue } from '@/lib/floor/types'
import type { LoggedMessage, OpenFlag } from '@/lib/floor-messages/types'
import { formatNumber } from '@/lib/format'
import { expectRpc, jsonArray, jsonObject } from '@/lib/rpc'
import { createClient } from '@/lib/supabase/server'

export const metadata = { title: 'Floor' }
export const dynamic = 'force-dynamic'

/** Supervisors+: who is working where, on what, live; and how the queues stand. */
export default async function FloorPage({ params }: { params: Promise<{ org: string }> }) {
  const slug = (await params).org
  const ctx = await floorContext(slug)
  if (!ctx.supervisor) {
    return <Alert tone="warning">The floor view is for supervisors and above.</Alert>
  }
  const supabase = await createClient()
  const org = { p_org_id: ctx.org.org_id }
  const [liveSessions, liveQueues, approvalAlerts, floorStatus, messageLog, openFlags, locations, teams, people] =
    await Promise.all([
      supabase.rpc('floor_live_sessions', org),
      supabase.rpc('floor_queues', org),
      supabase.rpc('floor_approval_alerts', org),
      supabase.rpc('dashboard_floor_status', org),
      supabase.rpc('floor_message_log', { p_org_id: ctx.org.org_id, p_limit: 20 }),
      supabase.rpc('floor_open_flags', org),
      supabase.from('locations').select('id, name').eq('org_id', ctx.org.org_id).eq('is_active', true).order('name'),
      supabase.from('teams').select('id, name').eq('org_id', ctx.org.org_id).eq('is_active', true).order('name'),
      supabase
        .from('members')
        .select('id, display_name')
        .eq('org_id', ctx.org.org_id)
        .eq('is_active', true)
        .order('display_name'),
    ])
  const sessions = expectRpc(jsonArray<LiveSession>(), liveSessions, 'floor_live_sessions')
  const queues = expectRpc(jsonArray<Queue>(), liveQueues, 'floor_queues')
  const alerts = expectRpc(jsonObject<ApprovalAlerts>(), approvalAlerts, 'floor_approval_alerts')
  const status = expectRpc(jsonObject<FloorStatus>(), floorStatus, 'dashboard_floor_status')
  const messages = expectRpc(jsonArray<LoggedMessage>(), messageLog, 'floor_message_log')
  const flags = expectRpc(jsonArray<OpenFlag>(), openFlags, 'floor_open_flags')
  return (
    <>
      <FloorLiveRefresh orgId={ctx.org.org_id} />
      <PageHeader
        title="Floor"
        description={`${formatNumber(sessions.length)} working now · updates live`}
        actions={
          <>
            <Link href={`/${slug}/labels`} className={buttonClasses({ variant: 'secondary' })}>
              Print labels
            </Link>
            <Link href={`/${slug}/scan`} className={buttonClasses()}>
              Scan
            </Link>
          </>
        }
      />
      <ApprovalAlertsNotice alerts={alerts} timeZone={ctx.timeZone} />
      <section className="flex flex-col gap-3" aria-labelledby="flags-title">
        <h2 id="flags-title" className="text-lg font-semibold">
          Flags from the floor ({flags.length})
        </h2>
        <OpenFlags flags={flags} timeZone={ctx.timeZone} />
      </section>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Who is working</h2>
        <SessionCards sessions={sessions} timeZone={ctx.timeZone} />
      </section>
      <FloorStatusSections status={status} timeZone={ctx.timeZone} />
      <section className="flex flex-col gap-3" aria-labelledby="messages-title">
        <h2 id="messages-title" className="text-lg font-semibold">
          Messages to the floor
        </h2>
        <div className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <MessageComposer
            orgId={ctx.org.org_id}
            locations={locations.data ?? []}
            teams={teams.data ?? []}
            people={(people.data ?? []).map((p) => ({ id: p.id, name: p.display_name }))}
          />
        </div>
        <MessageLog messages={messages} timeZone={ctx.timeZone} />
      </section>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Queues</h2>
        <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-left text-sm" data-testid="queue-table">
            <thead className="border-b border-zinc-200 text-zinc-500 dark:text-zinc-400 dark:border-zinc-800">
              <tr>
                <th className="px-4 py-2 font-medium">Queue</th>
                <th className="px-4 py-2 font-medium">Waiting</th>
                <th className="px-4 py-2 font-medium">In progress</th>
                <th className="px-4 py-2 font-medium">Done today</th>
                <th className="px-4 py-2 font-medium">Avg wait</th>
                <th className="px-4 py-2 font-medium">Avg work</th>
                <th className="px-4 py-2 font-medium">Oldest</th>
              </tr>
            </thead>
            <tbody>
              {queues.map((q) => (
                <tr key={q.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
                  <td className="px-4 py-2">
                    <p className="font-medium">{q.name}</p>
                    <p className="text-xs text-zinc-500 dark:text-zinc-400">
                      {q.location?.name ?? 'Any location'}
                      {q.auto_assign ? ' · auto-assign' : ''}
                    </p>
                  </td>
                  <td className="px-4 py-2 tabular-nums">
                    <span className="mr-2 font-semibold">{q.metrics.waiting}</span>
                    {(Object.entries(q.metrics.waiting_by_priority) as Array<[Priority, number]>)
                      .filter(([p, n]) => n > 0 && (p === 'urgent' || p === 'high'))
                      .map(([p, n]) => (
                        <Pill key={p} tone={PRIORITY_TONE[p]} className="mr-1">
                          {n} {p}
                        </Pill>
                      ))}
                  </td>
                  <td className="px-4 py-2 tabular-nums">{q.metrics.in_progress}</td>
                  <td className="px-4 py-2 tabular-nums">{q.metrics.completed_today}</td>
                  <td className="px-4 py-2 tabular-nums">{minutes(q.metrics.average_wait_minutes)}</td>
                  <td className="px-4 py-2 tabular-nums">{minutes(q.metrics.average_processing_minutes)}</td>
                  <td className="px-4 py-2 tabular-nums">{minutes(q.metrics.oldest_waiting_minutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  )
}

const minutes = (m: number | null) => (m === null ? '—' : formatMinutes(Number(m)))
