import { z } from 'zod'
import { Constants } from '@/types/database'

/**
 * Spec 02 RealTimeEvent, as the database sends it (public.realtime_events, broadcast by trigger on
 * the private topic org:<org>:events:<role> of each target role, the event name being its type;
 * supabase/migrations/20261204045000_realtime_events.sql). A member joins only their own role's topic.
 */
export const REALTIME_EVENT_TYPES = Constants.public.Enums.realtime_event_type
export type RealTimeEventType = (typeof REALTIME_EVENT_TYPES)[number]
export type MemberRole = (typeof Constants.public.Enums.member_role)[number]

export const RealTimeEvent = z.object({
  id: z.string(),
  type: z.enum(REALTIME_EVENT_TYPES),
  payload: z.object({
    entity_id: z.string(),
    entity_type: z.enum(Constants.public.Enums.realtime_entity_type),
    action: z.enum(Constants.public.Enums.realtime_event_action),
    data: z.record(z.string(), z.unknown()),
    actor: z.object({
      user_id: z.string().nullable(),
      member_id: z.string().nullable().optional(),
      username: z.string().nullable(),
      role: z.string().nullable(),
    }),
  }),
  timestamp: z.string(),
  target_roles: z.array(z.string()),
})
export type RealTimeEvent = z.output<typeof RealTimeEvent>

/** A broadcast's payload as a RealTimeEvent, or null (never trusted beyond its shape). */
export function readEvent(payload: unknown): RealTimeEvent | null {
  const r = RealTimeEvent.safeParse(payload)
  return r.success ? r.data : null
}

/** The events topic scope of a role: org:<org>:events:<role>. */
export const eventsScope = (role: MemberRole) => `events:${role}` as const
