import 'server-only'
import { expectRpc } from '@/lib/rpc'
import { createClient } from '@/lib/supabase/server'
import { DayStats, StaffTicket, WaitingList } from './types'

/** Reads for the staff screens (counter, manager view), as the signed-in person: RLS and the RPCs decide. */
export interface CustomerQueue {
  id: string
  name: string
  is_active: boolean
  letter: string
  join_mode: 'walk_in_qr' | 'staff' | 'both'
  phone_required: boolean
  ticket_ttl_minutes: number
  max_open_tickets: number | null
  default_service_minutes: number
  sms_near_position: number
  sms_templates: Record<string, string>
  ticket_type_ids: string[]
  counters: { id: string; label: string; is_open: boolean }[]
}

export async function customerQueues(orgId: string): Promise<CustomerQueue[]> {
  const supabase = await createClient()
  const [{ data: settings, error }, { data: counters }, { data: queues }] = await Promise.all([
    supabase
      .from('customer_queue_settings')
      .select(
        'queue_id, letter, join_mode, phone_required, ticket_ttl_minutes, max_open_tickets, default_service_minutes, sms_near_position, sms_templates, ticket_type_ids',
      )
      .eq('org_id', orgId),
    supabase.from('customer_queue_counters').select('id, queue_id, label, is_open').eq('org_id', orgId).order('label'),
    supabase.from('floor_queues').select('id, name, is_active').eq('org_id', orgId),
  ])
  if (error) throw new Error(`customer_queue_settings: ${error.message}`)
  return (settings ?? [])
    .map((s) => {
      const q = queues?.find((x) => x.id === s.queue_id) ?? { name: 'Queue', is_active: false }
      return {
        id: s.queue_id,
        name: q.name,
        is_active: q.is_active,
        letter: s.letter,
        join_mode: s.join_mode,
        phone_required: s.phone_required,
        ticket_ttl_minutes: s.ticket_ttl_minutes,
        max_open_tickets: s.max_open_tickets,
        default_service_minutes: Number(s.default_service_minutes),
        sms_near_position: s.sms_near_position,
        sms_templates: (s.sms_templates ?? {}) as Record<string, string>,
        ticket_type_ids: s.ticket_type_ids,
        counters: (counters ?? [])
          .filter((c) => c.queue_id === s.queue_id)
          .map((c) => ({ id: c.id, label: c.label, is_open: c.is_open })),
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}

export async function waitingList(queueId: string) {
  const supabase = await createClient()
  return expectRpc(WaitingList, await supabase.rpc('queue_waiting_list', { p_queue_id: queueId }), 'queue_waiting_list')
}

/** The tickets called to a counter and not finished: normally one. */
export async function calledAt(counterId: string) {
  const supabase = await createClient()
  const { data, error } = await supabase
    .from('tickets')
    .select(
      'id, display_number, queue_status, current_state, custom_data, phone_e164, counter_id, called_at, checked_in_at, recall_count, type_definition_id',
    )
    .eq('counter_id', counterId)
    .eq('queue_status', 'called')
    .order('called_at')
  if (error) throw new Error(`tickets: ${error.message}`)
  const typeIds = [...new Set((data ?? []).map((t) => t.type_definition_id))]
  const { data: types } = typeIds.length
    ? await supabase.from('type_definitions').select('id, type_name, fsm_schema').in('id', typeIds)
    : { data: [] }
  return (data ?? []).map((t) => {
    const d = (types?.find((x) => x.id === t.type_definition_id) ?? {
      type_name: 'Ticket',
      fsm_schema: {},
    }) as unknown as {
      type_name: string
      fsm_schema: { transitions?: { name: string; from: string | string[]; to: string; requires?: unknown }[] }
    }
    const transitions = (d.fsm_schema.transitions ?? []).filter((x) =>
      (Array.isArray(x.from) ? x.from : [x.from]).includes(t.current_state),
    )
    return StaffTicket.parse({
      id: t.id,
      number: t.display_number,
      queue_status: t.queue_status,
      type_name: d.type_name,
      current_state: t.current_state,
      custom_data: t.custom_data,
      phone: t.phone_e164,
      counter: null,
      counter_id: t.counter_id,
      called_at: t.called_at,
      checked_in_at: t.checked_in_at,
      recall_count: t.recall_count,
      transitions: transitions.map((x) => ({ name: x.name, to: x.to, requires: x.requires ?? null })),
    })
  })
}

export async function dayStats(queueId: string) {
  const supabase = await createClient()
  return expectRpc(DayStats, await supabase.rpc('queue_day_stats', { p_queue_id: queueId }), 'queue_day_stats')
}
