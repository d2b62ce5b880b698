import { z } from 'zod'
import type { OrderStatus, Priority } from '@/lib/batches/types'
import type { Wood } from '@/lib/models/labels'
import { Constants } from '@/types/database'

export const DUE_FILTERS = {
  overdue: 'Overdue',
  week: 'Due within 7 days',
  none: 'No due date',
} as const
export type DueFilter = keyof typeof DUE_FILTERS

/** The list's filters, from the URL (?q=&status=pending,on_hold&model=&wood=&priority=&due=&after=). */
export interface OrderFilters {
  q?: string
  statuses?: OrderStatus[]
  modelId?: string
  wood?: Wood
  priority?: Priority
  due?: DueFilter
  cursor?: string
}

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v)
const text = z.preprocess(one, z.string().trim().max(200).optional().catch(undefined))

const Params = z.object({
  q: text,
  status: z.preprocess(
    (v) =>
      (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [])
        .map((s) => String(s).trim())
        .filter((s) => (Constants.public.Enums.order_status as readonly string[]).includes(s)),
    z.array(z.enum(Constants.public.Enums.order_status)),
  ),
  model: z.preprocess(one, z.guid().optional().catch(undefined)),
  wood: z.preprocess(one, z.enum(Constants.public.Enums.wood_type).optional().catch(undefined)),
  priority: z.preprocess(one, z.enum(Constants.public.Enums.batch_priority).optional().catch(undefined)),
  due: z.preprocess(one, z.enum(['overdue', 'week', 'none']).optional().catch(undefined)),
  after: z.preprocess(one, z.string().max(100).optional().catch(undefined)),
})

/** Unknown or malformed values are dropped, never an error: a URL is typed by people. */
export function parseOrderFilters(params: Record<string, string | string[] | undefined>): OrderFilters {
  const p = Params.parse(params)
  return {
    q: p.q || undefined,
    statuses: p.status.length ? [...new Set(p.status)] : undefined,
    modelId: p.model,
    wood: p.wood,
    priority: p.priority,
    due: p.due,
    cursor: p.after || undefined,
  }
}

/** The URL of a filtered list (and, with a cursor, of its next page). */
export function ordersHref(base: string, f: OrderFilters): string {
  const s = new URLSearchParams()
  if (f.q) s.set('q', f.q)
  if (f.statuses?.length) s.set('status', f.statuses.join(','))
  if (f.modelId) s.set('model', f.modelId)
  if (f.wood) s.set('wood', f.wood)
  if (f.priority) s.set('priority', f.priority)
  if (f.due) s.set('due', f.due)
  if (f.cursor) s.set('after', f.cursor)
  const qs = s.toString()
  return qs ? `${base}?${qs}` : base
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Filters list_orders has no argument for (priority, due date), applied to its rows. */
export function matchesExtra(
  row: { priority: Priority; due_date: string | null; status: OrderStatus },
  f: Pick<OrderFilters, 'priority' | 'due'>,
  today: string,
): boolean {
  if (f.priority && row.priority !== f.priority) return false
  if (!f.due) return true
  if (f.due === 'none') return row.due_date === null
  if (row.due_date === null) return false
  const open = !['shipped', 'delivered', 'cancelled'].includes(row.status)
  if (f.due === 'overdue') return open && row.due_date < today
  return open && row.due_date >= today && row.due_date <= addDays(today, 7)
}
