import type { ReactNode } from 'react'
import { EmptyState } from '@/components/common/empty-state'
import { formatDate, formatMoney, formatNumber, formatWeekday } from '@/lib/format'
import type { EarningsRow } from '@/lib/sewing/earnings'

/**
 * Earnings as sewing_earnings computed them (every figure is the database's: piece rate in force ×
 * good units, efficiency = earned ÷ actual minutes): tiles for today / this week / the period, a
 * table per day or week, the operations behind each day, and the supervisors' table per operator.
 */
const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${formatNumber(v, { maximumFractionDigits: 1 })} %`
const num = (v: number | null | undefined) => formatNumber(Number(v ?? 0))

const th = 'px-3 py-2 font-medium'
const td = 'px-3 py-2'
const right = 'text-right tabular-nums'

export function EarningsTiles({
  tiles,
  currency,
}: {
  tiles: Array<{ key: string; label: string; hint: string; row?: EarningsRow }>
  currency: string
}) {
  return (
    <dl className="grid gap-4 sm:grid-cols-3">
      {tiles.map((t) => (
        <div
          key={t.key}
          data-testid={`earnings-${t.key}`}
          className="flex flex-col gap-1 rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <dt className="text-sm text-zinc-600 dark:text-zinc-400">
            {t.label} <span className="text-xs">({t.hint})</span>
          </dt>
          <dd className="text-3xl font-semibold tabular-nums" data-testid="amount">
            {formatMoney(Number(t.row?.earnings ?? 0), currency)}
          </dd>
          <dd className="text-sm text-zinc-600 dark:text-zinc-400">
            {t.row
              ? `${num(t.row.good_units)} good units · ${pct(t.row.efficiency)} efficiency`
              : 'No completed operations'}
          </dd>
        </div>
      ))}
    </dl>
  )
}

function Table({
  caption,
  head,
  children,
  foot,
}: {
  caption: string
  head: ReactNode
  children: ReactNode
  foot?: ReactNode
}) {
  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-zinc-50 dark:bg-zinc-900">{head}</thead>
        <tbody>{children}</tbody>
        {foot ? <tfoot className="border-t-2 border-zinc-300 font-semibold dark:border-zinc-700">{foot}</tfoot> : null}
      </table>
    </div>
  )
}

const FIGURE_HEADS = ['Operations', 'Units', 'Good units', 'Rework', 'Efficiency', 'Earnings']

/** One row per day (or per week): the figures of that day or week. */
export function PeriodTable({ rows, by, currency }: { rows: EarningsRow[]; by: 'day' | 'week'; currency: string }) {
  if (!rows.length)
    return <EmptyState title="Nothing completed in this period">Completed operations show here.</EmptyState>
  return (
    <Table
      caption={by === 'day' ? 'Earnings per day' : 'Earnings per week'}
      head={
        <tr>
          <th scope="col" className={th}>
            {by === 'day' ? 'Day' : 'Week of'}
          </th>
          {FIGURE_HEADS.map((h) => (
            <th key={h} scope="col" className={`${th} ${right}`}>
              {h}
            </th>
          ))}
        </tr>
      }
    >
      {rows.map((r) => (
        <tr
          key={`${r.member_id}-${r.work_date ?? r.week_start}`}
          className="border-t border-zinc-200 dark:border-zinc-800"
        >
          <th scope="row" className={`${td} font-normal`}>
            {by === 'day' ? formatWeekday(r.work_date) : formatDate(r.week_start)}
          </th>
          <td className={`${td} ${right}`}>{num(r.operations)}</td>
          <td className={`${td} ${right}`}>{num(r.units)}</td>
          <td className={`${td} ${right}`}>{num(r.good_units)}</td>
          <td className={`${td} ${right}`}>{num(r.rework_units)}</td>
          <td className={`${td} ${right}`}>{pct(r.efficiency)}</td>
          <td className={`${td} ${right}`}>{formatMoney(Number(r.earnings), currency)}</td>
        </tr>
      ))}
    </Table>
  )
}

/** The operations behind each day, at the piece rate in force that day; one disclosure per day. */
export function OperationsByDay({ rows, currency }: { rows: EarningsRow[]; currency: string }) {
  const days = [...new Set(rows.map((r) => r.work_date))]
  if (!days.length) return null
  return (
    <div className="flex flex-col gap-2">
      {days.map((d) => {
        const ops = rows.filter((r) => r.work_date === d)
        return (
          <details key={d} className="rounded-xl border border-zinc-200 dark:border-zinc-800">
            <summary className="flex min-h-12 cursor-pointer items-center px-4 font-medium">
              {formatWeekday(d)} · {ops.length} {ops.length === 1 ? 'operation' : 'operations'}
            </summary>
            <div className="border-t border-zinc-200 p-2 dark:border-zinc-800">
              <Table
                caption={`Operations on ${formatWeekday(d)}`}
                head={
                  <tr>
                    <th scope="col" className={th}>
                      Operation
                    </th>
                    <th scope="col" className={`${th} ${right}`}>
                      Piece rate
                    </th>
                    {FIGURE_HEADS.slice(1).map((h) => (
                      <th key={h} scope="col" className={`${th} ${right}`}>
                        {h}
                      </th>
                    ))}
                  </tr>
                }
              >
                {ops.map((r) => (
                  <tr
                    key={`${r.operation_id}-${r.piece_rate}`}
                    className="border-t border-zinc-200 dark:border-zinc-800"
                  >
                    <th scope="row" className={`${td} font-normal`}>
                      {r.operation_name}{' '}
                      <span className="text-xs text-zinc-600 dark:text-zinc-400">{r.product_type}</span>
                    </th>
                    <td className={`${td} ${right}`}>{formatMoney(Number(r.piece_rate), currency)}</td>
                    <td className={`${td} ${right}`}>{num(r.units)}</td>
                    <td className={`${td} ${right}`}>{num(r.good_units)}</td>
                    <td className={`${td} ${right}`}>{num(r.rework_units)}</td>
                    <td className={`${td} ${right}`}>{pct(r.efficiency)}</td>
                    <td className={`${td} ${right}`}>{formatMoney(Number(r.earnings), currency)}</td>
                  </tr>
                ))}
              </Table>
            </div>
          </details>
        )
      })}
    </div>
  )
}

/** Supervisors+: one row per operator for the period, with the totals the payroll CSV adds up to. */
export function OperatorTable({
  rows,
  days,
  totals,
  currency,
  href,
}: {
  rows: EarningsRow[]
  /** days worked per operator (rows of the day level) */
  days: Map<string, number>
  totals: { units: number; good_units: number; rework_units: number; earnings: number }
  currency: string
  href: (memberId: string) => string
}) {
  if (!rows.length)
    return <EmptyState title="Nothing completed in this period">No operator completed a sewing operation.</EmptyState>
  return (
    <Table
      caption="Earnings per operator"
      head={
        <tr>
          <th scope="col" className={th}>
            Operator
          </th>
          <th scope="col" className={th}>
            Badge
          </th>
          <th scope="col" className={`${th} ${right}`}>
            Days
          </th>
          {FIGURE_HEADS.map((h) => (
            <th key={h} scope="col" className={`${th} ${right}`}>
              {h}
            </th>
          ))}
        </tr>
      }
      foot={
        <tr>
          <th scope="row" className={td} colSpan={4}>
            Total ({rows.length} {rows.length === 1 ? 'operator' : 'operators'})
          </th>
          <td className={`${td} ${right}`}>{num(totals.units)}</td>
          <td className={`${td} ${right}`}>{num(totals.good_units)}</td>
          <td className={`${td} ${right}`}>{num(totals.rework_units)}</td>
          <td className={`${td} ${right}`}>—</td>
          <td className={`${td} ${right}`} data-testid="earnings-total">
            {formatMoney(totals.earnings, currency)}
          </td>
        </tr>
      }
    >
      {rows.map((r) => (
        <tr key={r.member_id} className="border-t border-zinc-200 dark:border-zinc-800" data-operator={r.member_name}>
          <th scope="row" className={`${td} font-medium`}>
            <a className="inline-flex min-h-11 items-center underline underline-offset-2" href={href(r.member_id)}>
              {r.member_name}
            </a>
          </th>
          <td className={td}>{r.badge_code ?? '—'}</td>
          <td className={`${td} ${right}`}>{num(days.get(r.member_id))}</td>
          <td className={`${td} ${right}`}>{num(r.operations)}</td>
          <td className={`${td} ${right}`}>{num(r.units)}</td>
          <td className={`${td} ${right}`}>{num(r.good_units)}</td>
          <td className={`${td} ${right}`}>{num(r.rework_units)}</td>
          <td className={`${td} ${right}`}>{pct(r.efficiency)}</td>
          <td className={`${td} ${right}`}>{formatMoney(Number(r.earnings), currency)}</td>
        </tr>
      ))}
    </Table>
  )
}
