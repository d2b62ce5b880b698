'use server'
import { z } from 'zod'
import { action, dbFail } from '@/lib/actions'
import { ok } from '@/lib/result'
import { jsonArray, parseRpc } from '@/lib/rpc'
import { FlagIdInput, MessageIdInput, OrgInput, RaiseFlagInput, SendMessageInput } from './schemas'
import type { FloorMessage } from './types'

/**
 * Team communication on the floor (docs/floor.md §18): a supervisor's message to a location, a
 * team or a person, acknowledged on the tablet; an operator's flag on an item, resolved by a
 * supervisor. Each is one RPC: who may, who is addressed and what the screens hear (Realtime on
 * org:<org>:messages and org:<org>:floor) are the database's.
 */
export const sendFloorMessage = action(SendMessageInput, async (i, { supabase }) => {
  const [kind, id] = i.to.split(':') as ['location' | 'team' | 'person', string]
  const { data, error } = await supabase.rpc('floor_message_send', {
    p_org_id: i.orgId,
    p_body: i.body,
    p_location_id: kind === 'location' ? id : undefined,
    p_team_id: kind === 'team' ? id : undefined,
    p_member_id: kind === 'person' ? id : undefined,
    p_urgent: i.urgent,
    p_expires_in_minutes: i.expiresInMinutes,
  })
  if (error)
    return dbFail(error, {
      body: 'body',
      to: 'to',
      location_id: 'to',
      team_id: 'to',
      member_id: 'to',
      expires_in_minutes: 'expiresInMinutes',
    })
  return ok(parseRpc(z.object({ id: z.string() }).loose(), data, 'floor_message_send'))
})

/** The caller's banners: live messages addressed to them, not yet acknowledged. */
export const myFloorMessages = action(OrgInput, async ({ orgId }, { supabase }) => {
  const { data, error } = await supabase.rpc('floor_my_messages', { p_org_id: orgId })
  if (error) return dbFail(error)
  return ok(parseRpc(jsonArray<FloorMessage>(), data, 'floor_my_messages'))
})

export const ackFloorMessage = action(MessageIdInput, async ({ messageId }, { supabase }) => {
  const { data, error } = await supabase.rpc('floor_message_ack', { p_message_id: messageId })
  if (error) return dbFail(error)
  return ok(
    parseRpc(z.object({ message_id: z.string(), acknowledged_at: z.string() }).loose(), data, 'floor_message_ack'),
  )
})

export const raiseItemFlag = action(RaiseFlagInput, async (i, { supabase }) => {
  const { data, error } = await supabase.rpc('floor_flag_raise', {
    p_client_id: i.clientId,
    p_session_id: i.sessionId,
    p_item_id: i.itemId,
    p_kind: i.kind,
    p_note: i.note || undefined,
  })
  if (error) return dbFail(error, { kind: 'kind', note: 'note' })
  return ok(parseRpc(z.object({ flag: z.object({ id: z.string() }).loose() }).loose(), data, 'floor_flag_raise').flag)
})

export const resolveItemFlag = action(FlagIdInput, async ({ flagId }, { supabase }) => {
  const { data, error } = await supabase.rpc('floor_flag_resolve', { p_flag_id: flagId })
  if (error) return dbFail(error)
  return ok(parseRpc(z.object({ flag: z.object({ id: z.string() }).loose() }).loose(), data, 'floor_flag_resolve').flag)
})
