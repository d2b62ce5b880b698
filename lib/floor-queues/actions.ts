'use server'
import { z } from 'zod'
import { action, dbFail, type ServerClient } from '@/lib/actions'
import { failWith, ok } from '@/lib/result'
import { jsonArray, parseRpc } from '@/lib/rpc'
import {
  ArchiveQueueInput,
  AssignInput,
  BalanceInput,
  BulkInput,
  CreateQueueInput,
  MoveInput,
  PreviewInput,
  PriorityInput,
  type QueueFields,
  ReorderInput,
  toStoredRule,
  UpdateQueueInput,
} from './schemas'
import type { Balance, PreviewRow } from './types'

/**
 * /[org]/queues (docs/floor.md §18): each write is one RPC or one row, so the database decides who
 * may (supervisors+), the order and priority rules (QUEUE_ORDER_CONFLICT), where work may go
 * (NOT_AT_LOCATION, QUEUE_FULL) and what the tablets hear (Realtime on org:<org>:queue:<id>).
 * Field names the database reports are mapped onto the forms' names.
 */
const QUEUE_FIELDS = {
  name: 'name',
  location_id: 'locationId',
  team_id: 'teamId',
  stage: 'stage',
  type_definition_id: 'stage',
  max_items: 'maxItems',
  member_capacity: 'memberCapacity',
  priority_rules: 'rules',
}

type Fields = z.output<typeof QueueFields>
const FORBIDDEN = () => failWith('FORBIDDEN', 'Only supervisors and above change queues', { status: 403 })

/** The columns of a queue from the form; a stage belongs to the workshop's batch type. */
async function columns(supabase: ServerClient, orgId: string, f: Fields) {
  let typeDefinitionId: string | null = null
  if (f.stage) {
    const { data, error } = await supabase.rpc('batch_stages', { p_org_id: orgId })
    if (error) return { error }
    typeDefinitionId = parseRpc(
      z.object({ type_definition_id: z.string() }).loose(),
      data,
      'batch_stages',
    ).type_definition_id
  }
  return {
    row: {
      name: f.name,
      location_id: f.locationId,
      team_id: f.teamId,
      stage: f.stage,
      type_definition_id: typeDefinitionId,
      max_items: f.maxItems,
      auto_assign: f.autoAssign,
      member_capacity: f.memberCapacity,
      priority_rules: f.rules.map(toStoredRule),
    },
  }
}

export const createFloorQueue = action(CreateQueueInput, async ({ orgId, ...f }, { supabase }) => {
  const c = await columns(supabase, orgId, f)
  if ('error' in c) return dbFail(c.error)
  const { data, error } = await supabase
    .from('floor_queues')
    .insert({ org_id: orgId, ...c.row })
    .select('id')
    .single()
  if (error) return dbFail(error, QUEUE_FIELDS)
  return ok({ id: data.id })
})

export const updateFloorQueue = action(UpdateQueueInput, async ({ queueId, ...f }, { supabase }) => {
  const { data: q, error: readError } = await supabase
    .from('floor_queues')
    .select('org_id, stage, type_definition_id')
    .eq('id', queueId)
    .maybeSingle()
  if (readError) return dbFail(readError)
  if (!q) return failWith('QUEUE_NOT_FOUND', 'Queue not found', { status: 404 })
  const c = await columns(supabase, q.org_id, f)
  if ('error' in c) return dbFail(c.error)
  // the stage (and its type) are set when the queue is made: the grant allows no update of them
  if ((c.row.stage ?? null) !== (q.stage ?? null)) {
    const message = 'A queue keeps its stage: archive it and make a new one for another stage'
    return failWith('VALIDATION_FAILED', message, { status: 422, fieldErrors: { stage: [message] } })
  }
  const { stage: _s, type_definition_id: _t, ...row } = c.row
  const { data, error } = await supabase.from('floor_queues').update(row).eq('id', queueId).select('id')
  if (error) return dbFail(error, QUEUE_FIELDS)
  if (!data.length) return FORBIDDEN()
  return ok({ id: queueId })
})

export const setFloorQueueActive = action(ArchiveQueueInput, async ({ queueId, active }, { supabase }) => {
  const { data, error } = await supabase
    .from('floor_queues')
    .update({ is_active: active })
    .eq('id', queueId)
    .select('id')
  if (error) return dbFail(error)
  if (!data.length) return FORBIDDEN()
  return ok({ id: queueId, active })
})

/** How today's work would rank under draft rules (writes nothing). */
export const previewPriorityRules = action(PreviewInput, async ({ orgId, queueId, rules }, { supabase }) => {
  const { data, error } = await supabase.rpc('floor_priority_preview', {
    p_org_id: orgId,
    p_rules: rules.map(toStoredRule),
    p_queue_id: queueId ?? undefined,
  })
  if (error) return dbFail(error, { priority_rules: 'rules' })
  return ok(parseRpc(jsonArray<PreviewRow>(), data, 'floor_priority_preview'))
})

const Done = z.object({ replayed: z.boolean().optional() }).loose()

export const reorderQueue = action(ReorderInput, async (i, { supabase }) => {
  const { data, error } = await supabase.rpc('floor_queue_reorder', {
    p_client_id: i.clientId,
    p_queue_id: i.queueId,
    p_queue_item_ids: i.queueItemIds,
  })
  if (error) return dbFail(error, { queue_item_ids: 'queueItemIds' })
  return ok(parseRpc(Done, data, 'floor_queue_reorder'))
})

export const assignQueueEntry = action(AssignInput, async (i, { supabase }) => {
  const { data, error } = await supabase.rpc('floor_queue_assign', {
    p_client_id: i.clientId,
    p_queue_item_id: i.queueItemId,
    p_member_id: i.memberId ?? undefined,
  })
  if (error) return dbFail(error, { member_id: 'memberId' })
  return ok(parseRpc(Done, data, 'floor_queue_assign'))
})

export const setEntryPriority = action(PriorityInput, async (i, { supabase }) => {
  const { data, error } = await supabase.rpc('floor_queue_update_item', {
    p_client_id: i.clientId,
    p_queue_item_id: i.queueItemId,
    p_priority: i.priority,
  })
  if (error) return dbFail(error)
  return ok(parseRpc(Done, data, 'floor_queue_update_item'))
})

export const moveQueueEntry = action(MoveInput, async (i, { supabase }) => {
  const { data, error } = await supabase.rpc('floor_queue_move', {
    p_client_id: i.clientId,
    p_queue_item_id: i.queueItemId,
    p_to_queue_id: i.toQueueId,
  })
  if (error) return dbFail(error, { to_queue_id: 'toQueueId' })
  return ok(parseRpc(Done, data, 'floor_queue_move'))
})

export const bulkQueueEntries = action(BulkInput, async (i, { supabase }) => {
  const { data, error } = await supabase.rpc('floor_queue_bulk', {
    p_client_id: i.clientId,
    p_queue_item_ids: i.queueItemIds,
    p_action: i.action,
    p_member_id: i.memberId,
    p_priority: i.priority,
    p_to_queue_id: i.toQueueId,
  })
  if (error) return dbFail(error, { member_id: 'memberId', to_queue_id: 'toQueueId', queue_item_ids: 'queueItemIds' })
  return ok(parseRpc(z.object({ count: z.number() }).loose(), data, 'floor_queue_bulk'))
})

/** The balance suggestion (apply false), or applying it (apply true, idempotent by client id). */
export const balanceQueue = action(BalanceInput, async (i, { supabase }) => {
  const { data, error } = await supabase.rpc('floor_queue_balance', {
    p_client_id: i.clientId,
    p_queue_id: i.queueId,
    p_apply: i.apply,
  })
  if (error) return dbFail(error)
  const Move = z.object({
    queue_item_id: z.string(),
    number: z.string(),
    from: z.object({ member_id: z.string(), display_name: z.string() }).nullable(),
    to: z.object({ member_id: z.string(), display_name: z.string() }),
  })
  return ok<Balance>(
    parseRpc(
      z.object({ applied: z.boolean(), moves: z.array(Move), replayed: z.boolean().optional() }),
      data,
      'floor_queue_balance',
    ),
  )
})
