'use server'
import { revalidatePath } from 'next/cache'
import { action, dbFail } from '@/lib/actions'
import { failWith, ok } from '@/lib/result'
import { parseRpc } from '@/lib/rpc'
import { refreshSummaryLater } from '@/lib/summary/refresh'
import { type IssuedLink, issuedLink } from '@/lib/tracking/link'
import { CreateOrderAnswer, OrderAnswer, TrackingLinkAnswer } from './answers'
import {
  CancelOrderInput,
  ChangeStatusInput,
  CreateOrderInput,
  IssueTokenInput,
  ORDER_FIELDS,
  RevokeTokenInput,
  UpdateOrderInput,
} from './schema'
import type { OrderJson } from './types'

// Orders change only through RPCs as the signed-in person (managers+ create and edit, supervisors+
// issue links): the database checks the role, the wood rule and the status rules, and names the
// field in the error's hint, which dbFail() puts back under the form's input (ORDER_FIELDS).

const refreshOrders = () => revalidatePath('/[org]/orders', 'layout')

export interface CreatedOrder {
  order: OrderJson
  link: IssuedLink | null
}

export const createOrder = action(CreateOrderInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('create_order', {
    p_org_id: input.orgId,
    p_model_id: input.modelId,
    p_wood_type: input.woodType,
    p_customer: { name: input.customerName, email: input.customerEmail, phone: input.customerPhone ?? null },
    p_priority: input.priority,
    p_due_date: input.dueDate,
    p_customizations: input.customizations,
    p_notes: input.notes,
    p_internal_notes: input.internalNotes,
    p_price: input.price,
    p_issue_tracking_token: true,
    p_client_id: input.clientId,
  })
  if (error) return dbFail(error, ORDER_FIELDS)
  const answer = parseRpc(CreateOrderAnswer, data, 'create_order')
  refreshOrders()
  refreshSummaryLater()
  // a replayed answer has no token (only its hash is stored): the detail page issues a new one
  const link = answer.tracking?.token ? await issuedLink(answer.tracking) : null
  return ok<CreatedOrder>({ order: answer.order, link })
})

export const updateOrder = action(UpdateOrderInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('update_order', {
    p_order_id: input.orderId,
    p_changes: {
      model_id: input.modelId,
      wood_type: input.woodType,
      priority: input.priority,
      due_date: input.dueDate ?? null,
      // an empty price leaves it as it is (create_order filled in the model's)
      ...(input.price === undefined ? {} : { price: input.price }),
      notes: input.notes ?? null,
      internal_notes: input.internalNotes ?? '',
      customizations: input.customizations,
    },
    p_client_id: input.clientId,
  })
  if (error) return dbFail(error, ORDER_FIELDS)
  refreshOrders()
  return ok(parseRpc(OrderAnswer, data, 'update_order').order)
})

export const changeOrderStatus = action(ChangeStatusInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('update_order', {
    p_order_id: input.orderId,
    p_changes: { status: input.status },
    p_reason: input.reason,
    p_client_id: input.clientId,
  })
  if (error) return dbFail(error, ORDER_FIELDS)
  refreshOrders()
  refreshSummaryLater()
  return ok(parseRpc(OrderAnswer, data, 'update_order').order)
})

export const cancelOrder = action(CancelOrderInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('cancel_order', {
    p_order_id: input.orderId,
    p_reason: input.reason,
    p_client_id: input.clientId,
  })
  if (error) return dbFail(error, ORDER_FIELDS)
  refreshOrders()
  revalidatePath('/[org]/batches', 'page')
  refreshSummaryLater()
  return ok(parseRpc(OrderAnswer, data, 'cancel_order').order)
})

export const issueTrackingLink = action(IssueTokenInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('issue_tracking_token', {
    p_order_id: input.orderId,
    p_label: input.label,
  })
  if (error) return dbFail(error, ORDER_FIELDS)
  const tracking = parseRpc(TrackingLinkAnswer.nullable(), data, 'issue_tracking_token')
  if (!tracking?.token) return failWith('INTERNAL', 'The link was not issued. Try again.')
  refreshOrders()
  return ok(await issuedLink(tracking))
})

export const revokeTrackingLink = action(RevokeTokenInput, async (input, { supabase }) => {
  const { error } = await supabase.rpc('revoke_tracking_token', { p_token_id: input.tokenId })
  if (error) return dbFail(error)
  refreshOrders()
  return ok(null)
})
