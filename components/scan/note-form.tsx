'use client'
import { useMemo } from 'react'
import { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { Textarea } from '@/components/common/textarea'
import { Button } from '@/components/ui'
import { type ActionFormProps, num, useActionForm } from './use-action-form'

/** A written note, as long as the action asks (config min_length / max_length). */
export function NoteForm({ action, onSubmit }: ActionFormProps) {
  const minLength = num(action.config.min_length) ?? 1
  const maxLength = num(action.config.max_length) ?? 2000
  const fields = useMemo(
    () =>
      z.object({
        data: z.object({
          notes: z
            .string()
            .trim()
            .min(minLength, minLength > 1 ? `Write at least ${minLength} characters` : 'Write the note')
            .max(maxLength, `Keep it to ${maxLength} characters`),
        }),
      }),
    [minLength, maxLength],
  )
  const { form, submit } = useActionForm(fields, { data: { notes: '' } }, onSubmit)
  const { errors, isSubmitting } = form.formState
  return (
    <form className="flex flex-col gap-3" onSubmit={submit} noValidate>
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <FormField id="action-note" label="Note" error={errors.data?.notes?.message}>
        {(control) => (
          <Textarea
            {...control}
            autoFocus
            rows={4}
            className="text-lg"
            maxLength={maxLength}
            {...form.register('data.notes')}
          />
        )}
      </FormField>
      <Button type="submit" size="touch" className="h-14 text-lg" pending={isSubmitting}>
        Save note
      </Button>
    </form>
  )
}
