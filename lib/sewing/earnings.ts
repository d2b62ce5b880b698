import type { PostgrestError } from '@supabase/supabase-js'
import type { AppClient } from '@/lib/supabase/types'
import type { Database } from '@/types/database'

/**
 * Operator earnings (issue 14): the one call behind /[org]/me/earnings, /[org]/sewing/earnings,
 * GET /api/sewing/earnings and the payroll CSV — sewing_earnings, which pays piece rate × good units
 * at the rate in force when each operation was completed, per operation × day, day, ISO week and the
 * whole period, with the efficiency behind it (docs/garment.md "Sewing"). Operators get their own rows
 * only (the database decides); periods are the workshop's local calendar days.
 */
export type EarningsRow = Database['public']['Functions']['sewing_earnings']['Returns'][number]

export interface EarningsPeriod {
  from: string
  to: string
}

const PAGE = 1000 // PostgREST's db-max-rows: a set-returning RPC answers at most this many rows a call
const MAX_PAGES = 100

/**
 * Every row of sewing_earnings for the query (only `level`'s rows when given, filtered by PostgREST),
 * read page by page: a month of every operator's operations is thousands of rows, and one call would
 * stop silently at PostgREST's row limit.
 */
export async function earningsRows(
  supabase: AppClient,
  q: { org_id: string; from: string; to: string; member_id?: string },
  opts: { level?: 'period' | 'week' | 'day' | 'operation'; signal?: AbortSignal } = {},
): Promise<{ data: EarningsRow[]; error: PostgrestError | null }> {
  const out: EarningsRow[] = []
  for (let page = 0; page < MAX_PAGES; page++) {
    let call = supabase.rpc('sewing_earnings', {
      p_org_id: q.org_id,
      p_from: q.from,
      p_to: q.to,
      p_member_id: q.member_id,
    })
    if (opts.level) call = call.eq('level', opts.level)
    call = call.range(page * PAGE, page * PAGE + PAGE - 1)
    if (opts.signal) call = call.abortSignal(opts.signal)
    const { data, error } = await call
    if (error) return { data: out, error }
    out.push(...(data ?? []))
    if ((data ?? []).length < PAGE) break
  }
  return { data: out, error: null }
}

// ------------------------------------------------------------------ calendar days (YYYY-MM-DD)
const asDate = (d: string) => new Date(`${d}T00:00:00Z`)
const iso = (d: Date) => d.toISOString().slice(0, 10)

export function addDays(day: string, n: number): string {
  const d = asDate(day)
  d.setUTCDate(d.getUTCDate() + n)
  return iso(d)
}

/** The Monday of the ISO week holding `day` (the database's week_start). */
export function weekStart(day: string): string {
  const dow = asDate(day).getUTCDay() // 0 = Sunday
  return addDays(day, -((dow + 6) % 7))
}

export const PERIODS = ['this-week', 'last-week', 'this-month', 'last-month', 'custom'] as const
export type PeriodPreset = (typeof PERIODS)[number]

export const PERIOD_LABEL: Record<PeriodPreset, string> = {
  'this-week': 'This week',
  'last-week': 'Last week',
  'this-month': 'This month',
  'last-month': 'Last month',
  custom: 'Custom',
}

/** A preset's days, counted from the workshop's today; `custom` takes from/to as given. */
export function resolvePeriod(
  preset: PeriodPreset,
  today: string,
  custom: { from?: string; to?: string } = {},
): EarningsPeriod | null {
  const month = today.slice(0, 7)
  switch (preset) {
    case 'this-week':
      return { from: weekStart(today), to: addDays(weekStart(today), 6) }
    case 'last-week':
      return { from: addDays(weekStart(today), -7), to: addDays(weekStart(today), -1) }
    case 'this-month':
      return { from: `${month}-01`, to: addDays(`${iso(nextMonth(month))}`, -1) }
    case 'last-month': {
      const first = `${month}-01`
      const last = addDays(first, -1)
      return { from: `${last.slice(0, 7)}-01`, to: last }
    }
    case 'custom':
      return custom.from && custom.to ? { from: custom.from, to: custom.to } : null
  }
}

function nextMonth(month: string): Date {
  const d = asDate(`${month}-01`)
  d.setUTCMonth(d.getUTCMonth() + 1)
  return d
}

export const isPeriodPreset = (v: string | undefined): v is PeriodPreset =>
  v !== undefined && (PERIODS as readonly string[]).includes(v)

/** The rows of one level, in the database's order. */
export const level = (rows: EarningsRow[], l: 'period' | 'week' | 'day' | 'operation') =>
  rows.filter((r) => r.level === l)

/** A column total for a table's footer, to the cent (sums of what the database computed). */
export function total(
  rows: EarningsRow[],
  key: 'earnings' | 'units' | 'good_units' | 'rework_units' | 'defects',
): number {
  return Math.round(rows.reduce((s, r) => s + Number(r[key] ?? 0), 0) * 100) / 100
}

type Search = Record<string, string | string[] | undefined>
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined

/** The period a page's query string asks for (?period=…&from=…&to=…), default this month. */
export function periodFromSearch(sp: Search, today: string) {
  const asked = one(sp.period)
  const preset: PeriodPreset = isPeriodPreset(asked) ? asked : 'this-month'
  const from = one(sp.from)
  const to = one(sp.to)
  return { preset, from, to, period: resolvePeriod(preset, today, { from, to }) }
}
