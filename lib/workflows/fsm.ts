import { z } from 'zod'
import { Constants, type Database } from '@/types/database'

// A type definition's machine as it is stored (type_definitions.fsm_schema): javascript-state-machine's
// shape plus our keys (terminal, requires, meta). This file only describes the shape so the editor can
// read and write it; whether a machine is valid (init known, every state reachable, names unique per
// source…) is decided by the database (app.fsm_problems), which answers FSM_INVALID with its reasons.

export type Subject = Database['public']['Enums']['fsm_subject']
export type Role = Database['public']['Enums']['member_role']
export type OrderStatus = Database['public']['Enums']['order_status']

export const SUBJECTS = Constants.public.Enums.fsm_subject
/** The subjects this screen edits (bundle and count types come with their issues). */
export const EDITABLE_SUBJECTS = ['batch', 'ticket'] as const satisfies readonly Subject[]
export const ROLES = Constants.public.Enums.member_role
export const ORDER_STATUSES = Constants.public.Enums.order_status

/** '*' in `from`: the transition leaves any state (javascript-state-machine's wildcard). */
export const ANY_STATE = '*'

export const Requires = z.object({
  reason: z.literal(true).optional(),
  min_role: z.enum(ROLES).optional(),
})
export type Requires = z.output<typeof Requires>

export const Transition = z.object({
  name: z.string(),
  from: z.union([z.string(), z.array(z.string())]),
  to: z.string(),
  requires: Requires.optional(),
})
export type Transition = z.output<typeof Transition>

export const StateMeta = z.object({
  label: z.string().optional(),
  public_label: z.string().optional(),
  order_status: z.string().optional(),
  requires_quality_pass: z.boolean().optional(),
})
export type StateMeta = z.output<typeof StateMeta>

export const Fsm = z.object({
  init: z.string(),
  states: z.array(z.string()),
  terminal: z.array(z.string()).default([]),
  transitions: z.array(Transition),
  meta: z.record(z.string(), StateMeta).optional(),
})
export type Fsm = z.output<typeof Fsm>

/** The states a transition leaves, as a list (`'*'` → every state). */
export function sourcesOf(t: Pick<Transition, 'from'>, states: readonly string[]): string[] {
  if (t.from === ANY_STATE) return [...states]
  return Array.isArray(t.from) ? t.from : [t.from]
}
