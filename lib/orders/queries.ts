import 'server-only'
import { cache } from 'react'
import { dbFail } from '@/lib/errors'
import { todayIn } from '@/lib/format'
import { parseRpc } from '@/lib/rpc'
import { createClient } from '@/lib/supabase/server'
import type { AppClient } from '@/lib/supabase/types'
import { OrderPageAnswer } from './answers'
import { matchesExtra, type OrderFilters } from './filters'
import type { HistoryEntry, OrderDetail, OrderPage, OrderRow } from './types'

const PAGE = 30
/** With priority/due filters (list_orders has no argument for them) a page may scan this many rows. */
const SCAN_LIMIT = 1000

/** The organisation's time zone and currency (dates and prices on every production screen). */
export const orgSettings = cache(async (orgId: string) => {
  const supabase = await createClient()
  const { data, error } = await supabase.from('organisations').select('time_zone, currency').eq('id', orgId).single()
  if (error) throw new Error(`organisations: ${error.message}`)
  return { timeZone: data.time_zone, currency: data.currency, today: todayIn(data.time_zone) }
})

export { todayIn } from '@/lib/format'

/**
 * One page of the order list, newest first. Search, status, model and wood go to list_orders;
 * priority and due date are applied here to the rows it returns, reading on (keyset) until the
 * page is full or SCAN_LIMIT rows were looked at — the next cursor then continues the scan.
 * An e-mail address is searched by its local part (the words the full-text index holds) and then
 * matched whole here, since the index has no domains.
 */
export async function listOrders(
  orgId: string,
  f: OrderFilters,
  today: string,
  client?: AppClient,
): Promise<OrderPage> {
  const supabase = client ?? (await createClient())
  const email = f.q?.includes('@') ? f.q.toLowerCase() : undefined
  const query = email ? email.split('@')[0] || email : f.q
  const extra = Boolean(f.priority || f.due || email)
  const keep = (row: OrderRow) =>
    matchesExtra(row, f, today) && (!email || (row.customer_email ?? '').toLowerCase().includes(email))
  const rows: OrderRow[] = []
  let cursor = f.cursor ?? null
  let scanned = 0
  for (;;) {
    const { data, error } = await supabase.rpc('list_orders', {
      p_org_id: orgId,
      p_query: query,
      p_statuses: f.statuses,
      p_model_id: f.modelId,
      p_wood_type: f.wood,
      p_cursor: cursor ?? undefined,
      p_limit: extra ? 200 : PAGE,
    })
    if (error) {
      // a cursor from an old or edited URL: start from the top rather than fail
      if (dbFail(error).details?.field === 'cursor' && cursor)
        return listOrders(orgId, { ...f, cursor: undefined }, today, supabase)
      throw new Error(`list_orders: ${error.message}`)
    }
    const page = parseRpc(OrderPageAnswer, data, 'list_orders')
    if (!extra) return { rows: page.rows, nextCursor: page.next_cursor, scanned: page.rows.length }
    for (const row of page.rows) {
      scanned++
      cursor = row.cursor
      if (keep(row)) rows.push(row)
      if (rows.length === PAGE) return { rows, nextCursor: row.cursor, scanned }
    }
    if (!page.next_cursor) return { rows, nextCursor: null, scanned }
    if (scanned >= SCAN_LIMIT) return { rows, nextCursor: cursor, scanned }
  }
}

/** An order with its customer, batch, status history (with who and which batch) and tracking links. */
export async function getOrder(orgId: string, orderId: string, client?: AppClient): Promise<OrderDetail | null> {
  const supabase = client ?? (await createClient())
  const { data: o, error } = await supabase
    .from('orders')
    .select(
      `id, org_id, order_number, status, priority, model_id, wood_type, customer_id, customizations, notes, due_date,
       price, shopify_order_id, shopify_line_item_id, created_at, updated_at,
       headphone_models(name), customers(id, name, email, phone, shipping_address), order_internal_notes(notes),
       batch_orders(batch_is_complete, batches(id, batch_number, current_stage)),
       order_status_history(id, old_status, new_status, source, reason, created_at, batch_id, changed_by)`,
    )
    .eq('org_id', orgId)
    .eq('id', orderId)
    .maybeSingle()
  if (error) {
    if (error.code === '22P02') return null // not a uuid
    throw new Error(`order: ${error.message}`)
  }
  if (!o) return null

  const history = o.order_status_history ?? []
  const memberIds = [...new Set(history.map((h) => h.changed_by).filter((x): x is string => !!x))]
  const batchIds = [...new Set(history.map((h) => h.batch_id).filter((x): x is string => !!x))]
  const [members, batches, tokens] = await Promise.all([
    memberIds.length
      ? supabase.from('members').select('id, display_name').in('id', memberIds)
      : Promise.resolve({ data: [], error: null }),
    batchIds.length
      ? supabase.from('batches').select('id, batch_number').in('id', batchIds)
      : Promise.resolve({ data: [], error: null }),
    supabase
      .from('order_tracking_tokens')
      .select('id, label, created_at, revoked_at')
      .eq('order_id', orderId)
      .order('created_at', { ascending: false }),
  ])
  const names = new Map((members.data ?? []).map((m) => [m.id, m.display_name]))
  const numbers = new Map((batches.data ?? []).map((b) => [b.id, b.batch_number]))
  const active = o.batch_orders?.find((bo) => !bo.batch_is_complete)?.batches ?? null

  const entries: HistoryEntry[] = history
    .map((h) => ({
      id: h.id,
      old_status: h.old_status,
      new_status: h.new_status,
      source: h.source as HistoryEntry['source'],
      reason: h.reason,
      created_at: h.created_at,
      batch_number: h.batch_id ? (numbers.get(h.batch_id) ?? null) : null,
      changed_by_name: h.changed_by ? (names.get(h.changed_by) ?? null) : null,
    }))
    .sort((a, b) => b.created_at.localeCompare(a.created_at))

  return {
    order: {
      id: o.id,
      org_id: o.org_id,
      order_number: o.order_number,
      status: o.status,
      priority: o.priority,
      model_id: o.model_id,
      model_name: o.headphone_models?.name ?? '',
      wood_type: o.wood_type,
      customer_id: o.customer_id,
      customer: o.customers ? { id: o.customers.id, name: o.customers.name, email: o.customers.email } : null,
      customer_phone: o.customers?.phone ?? null,
      shipping_address: (o.customers?.shipping_address as Record<string, unknown> | null) ?? null,
      customizations: (o.customizations as Record<string, unknown>) ?? {},
      notes: o.notes,
      internal_notes: oneNote(o.order_internal_notes),
      due_date: o.due_date,
      price: o.price,
      shopify_order_id: o.shopify_order_id,
      shopify_line_item_id: o.shopify_line_item_id,
      batch: active,
      created_at: o.created_at,
      updated_at: o.updated_at,
    },
    history: entries,
    tokens: tokens.data ?? [],
  }
}

/** order_internal_notes is one-to-one (an object, null when hidden); the generated types say array. */
function oneNote(v: { notes: string } | { notes: string }[] | null | undefined): string | null {
  if (!v) return null
  return Array.isArray(v) ? (v[0]?.notes ?? null) : v.notes
}
