import { formatDate } from '@/lib/format'
import type { DayThroughput } from '@/lib/summary/types'

const W = 560
const H = 160
const PAD = { top: 12, right: 8, bottom: 22, left: 28 }

/**
 * The last 28 days: stage moves per day (bars) with completed orders on top, this week shaded.
 * Hand-drawn SVG; a visually hidden table carries the same numbers.
 */
export function ThroughputChart({ days, weekStart }: { days: DayThroughput[]; weekStart: string }) {
  const max = Math.max(4, ...days.map((d) => Math.max(d.stage_moves, d.orders_completed)))
  const step = Math.ceil(max / 4)
  const top = step * 4
  const iw = W - PAD.left - PAD.right
  const ih = H - PAD.top - PAD.bottom
  const slot = iw / Math.max(1, days.length)
  const bw = Math.max(3, slot * 0.62)
  const y = (v: number) => PAD.top + ih - (v / top) * ih
  const firstThisWeek = days.findIndex((d) => d.day >= weekStart)

  return (
    <figure className="flex flex-col gap-2">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full"
        role="img"
        aria-label="Stage moves and completed orders per day, last 28 days"
      >
        {firstThisWeek >= 0 ? (
          <rect
            x={PAD.left + firstThisWeek * slot}
            y={PAD.top - 6}
            width={(days.length - firstThisWeek) * slot}
            height={ih + 6}
            rx={6}
            className="fill-brand-500/8 dark:fill-brand-500/12"
          />
        ) : null}
        {[0, 1, 2, 3, 4].map((i) => (
          <g key={i}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(i * step)}
              y2={y(i * step)}
              className="stroke-zinc-200 dark:stroke-zinc-800"
              strokeDasharray={i === 0 ? undefined : '2 3'}
            />
            <text x={PAD.left - 6} y={y(i * step) + 3} textAnchor="end" className="fill-zinc-400 text-[9px]">
              {i * step}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = PAD.left + i * slot + (slot - bw) / 2
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${d.stage_moves} stage moves, ${d.orders_completed} orders completed, ${d.returns} returns`}</title>
              {d.stage_moves > 0 ? (
                <rect
                  x={x}
                  y={y(d.stage_moves)}
                  width={bw}
                  height={y(0) - y(d.stage_moves)}
                  rx={2}
                  className="fill-brand-600/80 dark:fill-brand-500/80"
                />
              ) : null}
              {d.orders_completed > 0 ? (
                <circle
                  cx={x + bw / 2}
                  cy={y(d.orders_completed)}
                  r={3.2}
                  className="fill-emerald-500 stroke-white dark:stroke-zinc-900"
                  strokeWidth={1.5}
                />
              ) : null}
              {i % 7 === 0 || i === days.length - 1 ? (
                <text x={x + bw / 2} y={H - 6} textAnchor="middle" className="fill-zinc-400 text-[9px]">
                  {formatDate(d.day, { today: d.day })}
                </text>
              ) : null}
            </g>
          )
        })}
      </svg>
      <figcaption className="flex flex-wrap gap-4 text-xs text-zinc-500 dark:text-zinc-400">
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className="size-2 rounded-sm bg-brand-600 dark:bg-brand-500" /> Stage moves
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className="size-2 rounded-full bg-emerald-500" /> Orders completed
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className="size-2 rounded-sm bg-brand-500/20" /> This week
        </span>
      </figcaption>
      <table className="sr-only">
        <caption>Per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Stage moves</th>
            <th scope="col">Orders completed</th>
            <th scope="col">Returns</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{d.day}</th>
              <td>{d.stage_moves}</td>
              <td>{d.orders_completed}</td>
              <td>{d.returns}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
