'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { type DefaultValues, type FieldValues, useForm } from 'react-hook-form'
import { z } from 'zod'
import { showFailure } from '@/components/common/form-result'
import { ActionPayload } from '@/lib/floor/schemas'
import type { ActionTarget, CardAction } from '@/lib/floor/types'
import type { ActionFailure } from './use-stage-writes'

/** What an action's form sends: the route's own payload (lib/floor/schemas.ts ActionPayload). */
export type ActionSubmit = z.output<typeof ActionPayload>

export interface ActionFormProps {
  action: CardAction
  /** What the action is done on: the card's item, or (from a unit's card) its batch. */
  item: ActionTarget
  /** Sends the action; resolves to the server's refusal (shown in the form) or null when it was saved. */
  onSubmit: (payload: ActionSubmit) => Promise<ActionFailure | null>
}

/**
 * An action form on react-hook-form: `fields` reads what a person types (the form's names are the
 * API's paths, `data.value`, `approver_pin`, so the server's field errors land under their inputs),
 * then the route's ActionPayload checks it as the route will. The database has the last word
 * (tolerance, checklist, approver): its refusal goes under the field it names, else above the form.
 */
export function useActionForm<In extends FieldValues>(
  fields: z.ZodType<ActionSubmit, In>,
  defaultValues: DefaultValues<In>,
  onSubmit: ActionFormProps['onSubmit'],
) {
  const form = useForm<In, unknown, ActionSubmit>({ resolver: zodResolver(fields.pipe(ActionPayload)), defaultValues })
  const submit = form.handleSubmit(async (payload) => {
    const failure = await onSubmit(payload)
    if (failure) showFailure(form, failure)
  })
  return { form, submit }
}

/** A number typed on a tablet: "12,5" and "12.5" alike; empty stays empty for the schema to name. */
export const typedNumber = (message: string) =>
  z
    .string()
    .trim()
    .min(1, message)
    .transform((v) => Number(v.replace(',', '.')))

export const num = (v: unknown) => (typeof v === 'number' ? v : undefined)
