import { z } from 'zod'
import { Constants } from '@/types/database'

/**
 * The inputs of /[org]/queues (docs/floor.md §18), shared by the forms (zodResolver) and the
 * server actions. The database checks everything again (priority rules by the floor_queues trigger
 * and floor_priority_preview, capacity, who may); these only give early, per-field messages.
 */
export const PRIORITIES = Constants.public.Enums.floor_priority
export const Priority = z.enum(PRIORITIES, { message: 'Pick a priority' })

/** What a priority rule can look at (app.floor_rule_parts) and how it compares. */
export const RULE_FIELDS = ['due_in_days', 'priority', 'is_late', 'quality_status', 'kind', 'stage'] as const
export const RULE_OPS = ['=', '!=', '<', '<=', '>', '>='] as const
export const RuleField = z.enum(RULE_FIELDS)
export const RuleOp = z.enum(RULE_OPS)

export const Rule = z.object({
  field: RuleField,
  op: RuleOp,
  value: z.string().trim().min(1, 'Give a value').max(40, 'At most 40 characters'),
  priority: Priority,
})
export type Rule = z.output<typeof Rule>

const id = z.guid()
const optionalId = z.preprocess((v) => (v === '' ? null : v), z.guid().nullable())
const optionalInt = (min: number, max: number, what: string) =>
  z.preprocess(
    (v) => (v === '' || v === null || v === undefined ? null : Number(v)),
    z
      .number()
      .int(`${what} is a whole number`)
      .min(min, `${what}: ${min} to ${max}`)
      .max(max, `${what}: ${min} to ${max}`)
      .nullable(),
  )

export const QueueFields = z.object({
  name: z.string().trim().min(1, 'Give the queue a name').max(80, 'At most 80 characters'),
  locationId: optionalId,
  teamId: optionalId,
  /** A stage of the workshop's batch type: items entering it join the queue. */
  stage: z.preprocess((v) => (v === '' ? null : v), z.string().max(80).nullable()),
  maxItems: optionalInt(1, 10000, 'Most items'),
  autoAssign: z.boolean(),
  memberCapacity: z.coerce.number().int('A whole number').min(1, '1 to 100').max(100, '1 to 100'),
  rules: z.array(Rule).max(20, 'At most 20 rules'),
})
export const CreateQueueInput = QueueFields.extend({ orgId: id })
export const UpdateQueueInput = QueueFields.extend({ queueId: id })
export const ArchiveQueueInput = z.object({ queueId: id, active: z.boolean() })
export const PreviewInput = z.object({ orgId: id, queueId: id.nullable(), rules: z.array(Rule).max(20) })

export const ReorderInput = z.object({
  clientId: id,
  queueId: id,
  queueItemIds: z.array(id).min(1).max(500),
})
export const AssignInput = z.object({ clientId: id, queueItemId: id, memberId: id.nullable() })
export const PriorityInput = z.object({ clientId: id, queueItemId: id, priority: Priority })
export const MoveInput = z.object({ clientId: id, queueItemId: id, toQueueId: id })
export const BulkInput = z.object({
  clientId: id,
  queueItemIds: z.array(id).min(1, 'Select entries first').max(200, 'At most 200 at once'),
  action: z.enum(['assign', 'unassign', 'priority', 'move', 'remove']),
  memberId: id.optional(),
  priority: Priority.optional(),
  toQueueId: id.optional(),
})
export const BalanceInput = z.object({ clientId: id, queueId: id, apply: z.boolean() })

/** A rule as the database stores it: `{condition: "<field> <op> <value>", priority}`. */
export const toStoredRule = (r: Rule) => ({ condition: `${r.field} ${r.op} ${r.value.trim()}`, priority: r.priority })

/** A stored rule back into the editor's parts (a condition the editor cannot split stays as text in value). */
export function fromStoredRule(r: { condition: string; priority: string }): Rule {
  const m = /^(\w+)\s*(!=|<=|>=|=|<|>)\s*(.+)$/.exec(r.condition.trim())
  const field = RuleField.safeParse(m?.[1])
  const op = RuleOp.safeParse(m?.[2])
  const priority = Priority.safeParse(r.priority)
  return {
    field: field.success ? field.data : 'priority',
    op: op.success ? op.data : '=',
    value: m?.[3]?.trim() ?? r.condition,
    priority: priority.success ? priority.data : 'normal',
  }
}
