import { z } from 'zod'

/**
 * The answers of the customer-queue RPCs (docs/virtual-queues.md), parsed at the boundary. The
 * customer's view never holds names, phones, custom data or other tickets: the SQL builds it
 * (app.vq_public_json), these schemas only name what the screens read.
 */
export const QUEUE_STATUSES = ['waiting', 'called', 'served', 'no_show', 'expired', 'cancelled'] as const
export type QueueStatus = (typeof QUEUE_STATUSES)[number]

export const PublicTicket = z.object({
  number: z.string(),
  queue_name: z.string(),
  type_name: z.string(),
  workshop: z.string(),
  status: z.enum(QUEUE_STATUSES),
  state_label: z.string().nullable(),
  position: z.number().int().nullable(),
  wait_low: z.number().int().nullable(),
  wait_high: z.number().int().nullable(),
  counter: z.string().nullable(),
  called_at: z.string().nullable(),
  recalled_at: z.string().nullable(),
  recall_count: z.number().int(),
  joined_at: z.string(),
  // null once the customer checked in ("I'm here"): a checked-in ticket does not expire
  checked_in_at: z.string().nullable(),
  expires_at: z.string().nullable(),
  updated_at: z.string(),
  channel: z.string().nullable(),
  queue_channel: z.string(),
})
export type PublicTicket = z.output<typeof PublicTicket>

export const JoinInfo = z.object({
  queue_name: z.string(),
  workshop: z.string(),
  is_active: z.boolean(),
  is_open: z.boolean(),
  join_mode: z.enum(['walk_in_qr', 'staff', 'both']),
  phone_required: z.boolean(),
  default_country: z.string(),
  texts: z.boolean(),
  waiting: z.number().int(),
  types: z.array(z.object({ id: z.string().uuid(), name: z.string(), custom_fields_schema: z.unknown() })),
})
export type JoinInfo = z.output<typeof JoinInfo>

export const Joined = z.object({
  ticket_token: z.string(),
  ticket: PublicTicket,
  message_id: z.string().uuid().nullable(),
})

export const DisplayView = z.object({
  queue_id: z.string().uuid(),
  queue_name: z.string(),
  workshop: z.string(),
  channel: z.string(),
  is_open: z.boolean(),
  counters: z.array(
    z.object({
      label: z.string(),
      is_open: z.boolean(),
      number: z.string().nullable(),
      called_at: z.string().nullable(),
      recalled_at: z.string().nullable(),
    }),
  ),
  next: z.array(z.string()),
  waiting: z.number().int(),
  last_called: z.object({ number: z.string(), counter: z.string(), at: z.string() }).nullable(),
})
export type DisplayView = z.output<typeof DisplayView>

export const StaffTicket = z
  .object({
    id: z.string().uuid(),
    number: z.string(),
    queue_status: z.enum(QUEUE_STATUSES),
    type_name: z.string(),
    current_state: z.string(),
    custom_data: z.record(z.string(), z.unknown()).nullable(),
    phone: z.string().nullable(),
    counter: z.string().nullable(),
    counter_id: z.string().uuid().nullable(),
    called_at: z.string().nullable(),
    checked_in_at: z.string().nullable(),
    recall_count: z.number().int(),
    transitions: z.array(z.object({ name: z.string(), to: z.string(), requires: z.unknown().nullable() })),
  })
  .loose()
export type StaffTicket = z.output<typeof StaffTicket>

export const WaitingList = z.object({
  queue_id: z.string().uuid(),
  open_counters: z.number().int(),
  tickets: z.array(
    z.object({
      id: z.string().uuid(),
      number: z.string(),
      type_name: z.string(),
      custom_data: z.record(z.string(), z.unknown()).nullable(),
      phone: z.string().nullable(),
      joined_at: z.string(),
      checked_in_at: z.string().nullable(),
      position: z.number().int(),
      wait_low: z.number().int(),
      wait_high: z.number().int(),
    }),
  ),
})
export type WaitingList = z.output<typeof WaitingList>

const Stat = z.number().nullable()
export const DayStats = z.object({
  queue_id: z.string().uuid(),
  day: z.string(),
  totals: z.object({
    joins: z.number(),
    waiting: z.number(),
    served: z.number(),
    no_show: z.number(),
    expired: z.number(),
    cancelled: z.number(),
    wait_avg: Stat,
    wait_p90: Stat,
    service_avg: Stat,
    service_p90: Stat,
  }),
  by_type: z.array(
    z.object({
      type_definition_id: z.string().uuid(),
      type_name: z.string(),
      joins: z.number(),
      served: z.number(),
      no_show: z.number(),
      wait_avg: Stat,
      wait_p90: Stat,
      service_avg: Stat,
      service_p90: Stat,
    }),
  ),
  by_hour: z.array(z.object({ hour: z.number(), joins: z.number(), served: z.number() })),
})
export type DayStats = z.output<typeof DayStats>

/** Tokens in links are base64url (22 characters for ours); anything else is refused before a lookup. */
export const TOKEN = /^[A-Za-z0-9_-]{1,128}$/

/** The "wait about" sentence: a range in 5-minute steps, never a false precision. */
export function waitRange(low: number | null, high: number | null): string | null {
  if (low === null || high === null) return null
  if (high <= 5) return 'under 5 minutes'
  if (low === 0) return `up to ${high} minutes`
  return `${low}–${high} minutes`
}
