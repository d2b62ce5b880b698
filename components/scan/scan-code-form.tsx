'use client'
import { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { Button, Input } from '@/components/ui'
import { type ActionFormProps, useActionForm } from './use-action-form'

const Fields = z.object({ data: z.object({ code: z.string().trim().min(1, 'Scan or type the code') }) })

/** A scan action: the expected label's code, typed (or scanned into the field); the database checks it. */
export function ScanCodeForm({ action, onSubmit }: ActionFormProps) {
  const expect = String(action.config.expect ?? 'action')
  const { form, submit } = useActionForm(Fields, { data: { code: '' } }, onSubmit)
  const { errors, isSubmitting } = form.formState
  return (
    <form className="flex flex-col gap-3" onSubmit={submit} noValidate>
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <p className="text-lg">
        Scan the {expect === 'action' ? 'action card' : `${expect} label`} — close this and scan it, or type its code.
      </p>
      <FormField id="scan-action-code" label="Code" error={errors.data?.code?.message}>
        {(control) => <Input {...control} touch autoComplete="off" {...form.register('data.code')} />}
      </FormField>
      <Button type="submit" size="touch" className="h-14 text-lg" pending={isSubmitting}>
        Confirm
      </Button>
    </form>
  )
}
