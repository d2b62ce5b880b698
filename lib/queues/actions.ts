'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { action, dbFail } from '@/lib/actions'
import { ok } from '@/lib/result'
import { parseRpc } from '@/lib/rpc'
import { QueueSettingsInput } from './schemas'
import { StaffTicket } from './types'

/**
 * The counter's and the manager's actions (docs/virtual-queues.md). Each is one RPC: the database
 * decides who may, which ticket is next (skip locked: each ticket to exactly one caller) and what
 * the texts and live updates are.
 */
const Called = z.object({ ticket: StaffTicket.nullable() })
const id = z.string().uuid()

export const callNext = action(z.object({ queueId: id, counterId: id }), async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('call_next', { p_queue_id: input.queueId, p_counter_id: input.counterId })
  if (error) return dbFail(error, { counter_id: 'counterId' })
  return ok(parseRpc(Called, data, 'call_next').ticket)
})

const TicketInput = z.object({ ticketId: id })

export const serveTicket = action(
  TicketInput.extend({ transition: z.string().max(64).optional(), reason: z.string().max(500).optional() }),
  async (input, { supabase }) => {
    const { data, error } = await supabase.rpc('serve_queue_ticket', {
      p_ticket_id: input.ticketId,
      p_transition: input.transition,
      p_reason: input.reason,
    })
    if (error) return dbFail(error)
    return ok(parseRpc(Called, data, 'serve_queue_ticket').ticket)
  },
)

export const noShowTicket = action(TicketInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('no_show_queue_ticket', { p_ticket_id: input.ticketId })
  if (error) return dbFail(error)
  return ok(parseRpc(Called, data, 'no_show_queue_ticket').ticket)
})

export const recallTicket = action(TicketInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('recall_queue_ticket', { p_ticket_id: input.ticketId })
  if (error) return dbFail(error)
  return ok(parseRpc(Called, data, 'recall_queue_ticket').ticket)
})

export const transferTicket = action(TicketInput.extend({ queueId: id }), async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('transfer_queue_ticket', {
    p_ticket_id: input.ticketId,
    p_queue_id: input.queueId,
  })
  if (error) return dbFail(error, { queue_id: 'queueId' })
  return ok(parseRpc(Called, data, 'transfer_queue_ticket').ticket)
})

export const setCounterOpen = action(z.object({ counterId: id, open: z.boolean() }), async (input, { supabase }) => {
  const { error } = await supabase
    .from('customer_queue_counters')
    .update({ is_open: input.open })
    .eq('id', input.counterId)
  if (error) return dbFail(error)
  return ok(null)
})

/** Managers+: a new link for the poster or the TV (the old one stops working); shown once. */
export const issueQueueToken = action(
  z.object({ queueId: id, kind: z.enum(['join', 'display']), slug: z.string().max(64) }),
  async (input, { supabase }) => {
    const res =
      input.kind === 'join'
        ? await supabase.rpc('issue_queue_join_token', { p_queue_id: input.queueId })
        : await supabase.rpc('issue_queue_display_token', { p_queue_id: input.queueId })
    if (res.error) return dbFail(res.error)
    const token = parseRpc(
      z.object({ join_token: z.string().optional(), display_token: z.string().optional() }).loose(),
      res.data,
      'issue token',
    )
    revalidatePath(`/${input.slug}/customer-queues`)
    return ok({ token: token.join_token ?? token.display_token ?? '' })
  },
)

export const saveQueueSettings = action(QueueSettingsInput, async (input, { supabase }) => {
  const { error } = await supabase
    .from('customer_queue_settings')
    .update({
      join_mode: input.joinMode,
      phone_required: input.phoneRequired,
      ticket_ttl_minutes: input.ttlMinutes,
      max_open_tickets: input.maxOpen,
      default_service_minutes: input.defaultServiceMinutes,
      sms_near_position: input.nearPosition,
    })
    .eq('queue_id', input.queueId)
  if (error)
    return dbFail(error, {
      ticket_ttl_minutes: 'ttlMinutes',
      max_open_tickets: 'maxOpen',
      default_service_minutes: 'defaultServiceMinutes',
      sms_near_position: 'nearPosition',
    })
  return ok(null)
})
