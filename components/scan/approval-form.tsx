'use client'
import { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { Button, Input } from '@/components/ui'
import { type ActionFormProps, useActionForm } from './use-action-form'

// both asked for here; their format (a PIN is 4–8 digits) is the route's schema's to say
const Fields = z.object({
  approver_badge: z.string().trim().min(1, 'Scan or type the supervisor’s badge'),
  approver_pin: z.string().min(1, 'Enter the supervisor’s PIN'),
})

/** A supervisor's badge and PIN on the operator's tablet; the database checks both and never stores the PIN. */
export function ApprovalForm({ onSubmit }: ActionFormProps) {
  const { form, submit } = useActionForm(Fields, { approver_badge: '', approver_pin: '' }, onSubmit)
  const { errors, isSubmitting } = form.formState
  return (
    <form className="flex flex-col gap-3" onSubmit={submit} noValidate>
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <p>A supervisor approves with their badge and PIN (never stored).</p>
      <FormField id="approver-badge" label="Supervisor badge" error={errors.approver_badge?.message}>
        {(control) => <Input {...control} touch autoFocus autoComplete="off" {...form.register('approver_badge')} />}
      </FormField>
      <FormField id="approver-pin" label="PIN" error={errors.approver_pin?.message}>
        {(control) => (
          <Input
            {...control}
            touch
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            {...form.register('approver_pin')}
          />
        )}
      </FormField>
      <Button type="submit" size="touch" className="h-14 text-lg" pending={isSubmitting}>
        Approve
      </Button>
    </form>
  )
}
