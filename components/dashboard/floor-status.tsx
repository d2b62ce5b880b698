import { formatDateTime, formatNumber } from '@/lib/format'

export interface FloorStatus {
  pinned_in: {
    operator_session_id: string
    name: string
    station: string
    location: string
    since: string
    idle: boolean
  }[]
  idle_stations: { station_id: string; station: string; location: string; last_seen_at: string | null }[]
  queues: { queue_id: string; name: string; stage: string | null; waiting: number; in_progress: number }[]
}

/**
 * The floor-status part of /[org]/floor (GET /api/dashboard/floor-status): who is PINed in without an
 * item, tablets nobody is at, and queue depth per stage. Live with the rest of the floor view.
 */
export function FloorStatusSections({ status, timeZone }: { status: FloorStatus; timeZone: string }) {
  const byStage = new Map<string, { waiting: number; in_progress: number }>()
  for (const q of status.queues) {
    const k = q.stage ?? 'Any stage'
    const t = byStage.get(k) ?? { waiting: 0, in_progress: 0 }
    byStage.set(k, { waiting: t.waiting + q.waiting, in_progress: t.in_progress + q.in_progress })
  }
  return (
    <section className="flex flex-col gap-4" aria-labelledby="floor-status">
      <h2 id="floor-status" className="text-lg font-semibold">
        Floor status
      </h2>
      <div className="grid gap-4 md:grid-cols-3">
        <div>
          <h3 className="mb-1 text-sm font-medium">PINed in, no item open ({formatNumber(status.pinned_in.length)})</h3>
          <ul aria-label="PINed in without an item" className="flex flex-col gap-1 text-sm">
            {status.pinned_in.length === 0 ? (
              <li className="text-zinc-600 dark:text-zinc-400">Nobody waiting for work.</li>
            ) : null}
            {status.pinned_in.map((p) => (
              <li key={p.operator_session_id}>
                <span className="font-medium">{p.name}</span> · {p.location}, {p.station}
                {p.idle ? ' · idle' : ''} · since {formatDateTime(p.since, timeZone)}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="mb-1 text-sm font-medium">Idle tablets ({formatNumber(status.idle_stations.length)})</h3>
          <ul aria-label="Idle tablets" className="flex flex-col gap-1 text-sm">
            {status.idle_stations.length === 0 ? (
              <li className="text-zinc-600 dark:text-zinc-400">Every tablet has someone PINed in.</li>
            ) : null}
            {status.idle_stations.map((s) => (
              <li key={s.station_id}>
                <span className="font-medium">{s.station}</span> · {s.location}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="mb-1 text-sm font-medium">Queue depth by stage</h3>
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col" className="py-1">
                  Stage
                </th>
                <th scope="col" className="py-1 text-right">
                  Waiting
                </th>
                <th scope="col" className="py-1 text-right">
                  In progress
                </th>
              </tr>
            </thead>
            <tbody>
              {[...byStage].map(([stage, t]) => (
                <tr key={stage} className="border-t border-zinc-200 dark:border-zinc-800">
                  <td className="py-1">{stage}</td>
                  <td className="py-1 text-right tabular-nums">{formatNumber(t.waiting)}</td>
                  <td className="py-1 text-right tabular-nums">{formatNumber(t.in_progress)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  )
}
