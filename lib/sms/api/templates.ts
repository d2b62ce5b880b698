import 'server-only'
import { z } from 'zod'
import { dbFail, failWith } from '@/lib/errors'
import { answer, route } from '@/lib/route'
import { Constants } from '@/types/database'

/**
 * /api/sms/templates (docs/sms.md §API): managers+ list, create, change and delete their
 * organisation's SMS templates, as themselves. The rules — placeholders and declared variables
 * agree both ways, names unique per organisation, automatic texts use only what the order trigger
 * fills — are the database's (trigger app.sms_template_guard); its refusals come back under the
 * field they are about.
 */
const uuid = z.string().uuid()
const variableName = z.string().regex(/^[A-Z][A-Z0-9_]{0,31}$/, 'Capital letters, digits and _, like ORDER_NUMBER')

export const TemplateFields = z.object({
  name: z.string().trim().min(1, 'Give the template a name').max(100),
  description: z.string().trim().max(500).nullable().optional(),
  body: z.string().min(1, 'Write the message').max(1600),
  variables: z.array(variableName).max(20),
  order_status: z.enum(Constants.public.Enums.order_status).nullable().optional(),
  is_active: z.boolean().optional(),
})

export const COLUMNS =
  'id, org_id, name, description, body, variables, order_status, is_active, usage_count, last_used_at, created_at, updated_at'

export const ListInput = z.object({ org_id: uuid })
export const CreateInput = TemplateFields.extend({ org_id: uuid })
export const UpdateInput = TemplateFields.partial().extend({ id: uuid })
export const IdInput = z.object({ id: uuid })

export const listTemplates = route({
  schema: ListInput,
  from: 'query',
  run: async (input, { supabase, signal }) => {
    const { data, error } = await supabase
      .from('sms_templates')
      .select(COLUMNS)
      .eq('org_id', input.org_id)
      .order('name')
      .abortSignal(signal)
    return error ? dbFail(error, {}, { aborted: signal.aborted }) : answer({ templates: data })
  },
})

export const createTemplate = route({
  schema: CreateInput,
  from: 'body',
  run: async (input, { supabase, signal }) => {
    const { data, error } = await supabase
      .from('sms_templates')
      .insert({
        org_id: input.org_id,
        name: input.name,
        description: input.description ?? null,
        body: input.body,
        variables: input.variables,
        order_status: input.order_status ?? null,
        is_active: input.is_active ?? true,
      })
      .select(COLUMNS)
      .abortSignal(signal)
      .single()
    return error ? dbFail(error, {}, { aborted: signal.aborted }) : answer({ template: data }, 201)
  },
})

export const updateTemplate = route({
  schema: UpdateInput,
  from: 'body',
  run: async ({ id, ...fields }, { supabase, signal }) => {
    if (!Object.keys(fields).length) return failWith('VALIDATION_FAILED', 'Nothing to change')
    const { data, error } = await supabase
      .from('sms_templates')
      .update(fields)
      .eq('id', id)
      .select(COLUMNS)
      .abortSignal(signal)
      .maybeSingle()
    if (error) return dbFail(error, {}, { aborted: signal.aborted })
    return data ? answer({ template: data }) : failWith('NOT_FOUND', 'No such template in your organisations')
  },
})

export const deleteTemplate = route({
  schema: IdInput,
  from: 'none',
  run: async ({ id }, { supabase, signal }) => {
    const { data, error } = await supabase.from('sms_templates').delete().eq('id', id).select('id').abortSignal(signal)
    if (error) return dbFail(error, {}, { aborted: signal.aborted })
    return data.length ? answer({ deleted: id }) : failWith('NOT_FOUND', 'No such template in your organisations')
  },
})
