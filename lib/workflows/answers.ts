import { z } from 'zod'

// The jsonb answers of the type definition RPCs, parsed where they arrive (lib/rpc.ts): only the keys
// the screens read are checked.
export const TypeDefinitionJson = z.object({
  id: z.string(),
  org_id: z.string().nullable(),
  subject: z.string(),
  type_code: z.string(),
  type_name: z.string(),
  version: z.number(),
  archived_at: z.string().nullable().optional(),
})
export type TypeDefinitionJson = z.output<typeof TypeDefinitionJson>

export const TypeDefinitionAnswer = z.object({ type_definition: TypeDefinitionJson })

const Step = z.object({
  transition: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  allowed: z.boolean(),
  reason: z.string().nullable().optional(),
})

/** public.fsm_dry_run: the walk, where it ended, and what is open from there. */
export const DryRunAnswer = z.object({
  valid: z.boolean(),
  problems: z.array(z.object({ path: z.string().nullable(), message: z.string() })),
  steps: z.array(Step),
  final_state: z.string().nullable(),
  transitions: z.array(
    z.object({ name: z.string(), to: z.string().nullable(), requires: z.record(z.string(), z.unknown()).nullable() }),
  ),
})
export type DryRunAnswer = z.output<typeof DryRunAnswer>
