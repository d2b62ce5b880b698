import { Chart } from '@/components/charts'
import { Alert } from '@/components/common/alert'
import { PageHeader } from '@/components/common/page-header'
import { QueueLinks } from '@/components/queues/queue-links'
import { QueueSettingsForm } from '@/components/queues/queue-settings-form'
import { atLeast } from '@/lib/members/roles'
import { requireOrg } from '@/lib/orgs/queries'
import { customerQueues, dayStats, waitingList } from '@/lib/queues/queries'
import type { DayStats } from '@/lib/queues/types'

export const metadata = { title: 'Customer queues' }

const minutes = (v: number | null) => (v === null ? '–' : `${v} min`)

/**
 * /[org]/customer-queues (supervisors+ read, managers+ change): each customer queue's day — joins,
 * served, no-shows, wait and service time (average, p90) per type and by hour — its waiting list,
 * settings, the poster and TV links. Not /[org]/queues: that is the floor's queue management.
 */
export default async function CustomerQueuesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params
  const { org } = await requireOrg(slug)
  if (!org.can_act || !atLeast(org.role, 'supervisor')) {
    return (
      <>
        <PageHeader title="Customer queues" />
        <Alert tone="warning">Customer queues are for supervisors and above.</Alert>
      </>
    )
  }
  const manager = atLeast(org.role, 'manager')
  const queues = await customerQueues(org.org_id)
  const details = await Promise.all(
    queues.map(async (q) => ({ q, stats: await dayStats(q.id), waiting: await waitingList(q.id) })),
  )
  return (
    <>
      <PageHeader
        title="Customer queues"
        description="Walk-in customers join by the poster's QR code, follow their place on their phone and are called to a counter."
      />
      {queues.length === 0 ? <Alert>No customer queues yet.</Alert> : null}
      {details.map(({ q, stats, waiting }) => (
        <section
          key={q.id}
          aria-labelledby={`q-${q.id}`}
          className="flex flex-col gap-5 rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div>
              <h2 id={`q-${q.id}`} className="text-xl font-semibold">
                {q.name}
              </h2>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                Numbers {q.letter}-001… · counters{' '}
                {q.counters.map((c) => `${c.label}${c.is_open ? '' : ' (closed)'}`).join(', ') || 'none'}
                {q.is_active ? '' : ' · not taking tickets'}
              </p>
            </div>
            <QueueLinks slug={slug} queueId={q.id} canManage={manager} />
          </div>
          <Totals stats={stats} waiting={waiting.tickets.length} />
          <Chart
            spec={{
              kind: 'bar',
              title: `${q.name}: joins and served by hour, today`,
              labels: stats.by_hour.map((h) => `${String(h.hour).padStart(2, '0')}:00`),
              series: [
                { name: 'Joined', values: stats.by_hour.map((h) => h.joins) },
                { name: 'Served', values: stats.by_hour.map((h) => h.served) },
              ],
              unit: 'tickets',
              format: 'integer',
            }}
            labelHeader="Hour"
            height={200}
          />
          <ByType stats={stats} />
          {manager ? (
            <details className="rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
              <summary className="cursor-pointer font-medium">Settings</summary>
              <div className="mt-4">
                <QueueSettingsForm
                  initial={{
                    queueId: q.id,
                    joinMode: q.join_mode,
                    phoneRequired: q.phone_required,
                    ttlMinutes: q.ticket_ttl_minutes,
                    maxOpen: q.max_open_tickets,
                    defaultServiceMinutes: q.default_service_minutes,
                    nearPosition: q.sms_near_position,
                  }}
                />
                <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
                  Texts per event ({Object.keys(q.sms_templates).join(', ') || 'none chosen'}) use the templates under
                  Texts.
                </p>
              </div>
            </details>
          ) : null}
        </section>
      ))}
    </>
  )
}

function Totals({ stats, waiting }: { stats: DayStats; waiting: number }) {
  const t = stats.totals
  const items: [string, string][] = [
    ['Waiting now', String(waiting)],
    ['Joined today', String(t.joins)],
    ['Served', String(t.served)],
    ['No-shows', String(t.no_show)],
    ['Expired', String(t.expired)],
    ['Wait (avg · p90)', `${minutes(t.wait_avg)} · ${minutes(t.wait_p90)}`],
    ['Service (avg · p90)', `${minutes(t.service_avg)} · ${minutes(t.service_p90)}`],
  ]
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
      {items.map(([k, v]) => (
        <div key={k} className="rounded-xl bg-zinc-50 p-3 dark:bg-zinc-800/60">
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">{k}</dt>
          <dd className="mt-1 text-lg font-semibold">{v}</dd>
        </div>
      ))}
    </dl>
  )
}

function ByType({ stats }: { stats: DayStats }) {
  if (!stats.by_type.length) return null
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Today per ticket type</caption>
        <thead className="text-zinc-600 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Type
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Joined
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Served
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              No-shows
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Wait avg · p90
            </th>
            <th scope="col" className="py-2 font-medium">
              Service avg · p90
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {stats.by_type.map((r) => (
            <tr key={r.type_definition_id}>
              <th scope="row" className="py-2 pr-4 font-medium">
                {r.type_name}
              </th>
              <td className="py-2 pr-4">{r.joins}</td>
              <td className="py-2 pr-4">{r.served}</td>
              <td className="py-2 pr-4">{r.no_show}</td>
              <td className="py-2 pr-4">
                {minutes(r.wait_avg)} · {minutes(r.wait_p90)}
              </td>
              <td className="py-2">
                {minutes(r.service_avg)} · {minutes(r.service_p90)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
