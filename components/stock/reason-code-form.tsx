'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { showFailure } from '@/components/common/form-result'
import { Button, Input } from '@/components/ui'
import { FieldError } from '@/components/ui/field-error'
import { saveReasonCode } from '@/lib/stock/actions'
import { ReasonCodeInput } from '@/lib/stock/schema'

type Values = z.input<typeof ReasonCodeInput>

/**
 * One of the organisation's reason codes (managers+): an existing one renamed or retired (a code
 * stays: posted counts name it), or a new one added. The database's RLS decides who may.
 */
export function ReasonCodeForm({
  orgId,
  reason,
}: {
  orgId: string
  reason: { code: string; label: string; is_active: boolean } | null
}) {
  const router = useRouter()
  const [saved, setSaved] = useState(false)
  const blank: Values = { orgId, isNew: true, code: '', label: '', isActive: true }
  const form = useForm<Values, unknown, z.output<typeof ReasonCodeInput>>({
    resolver: zodResolver(ReasonCodeInput),
    defaultValues: reason
      ? { orgId, isNew: false, code: reason.code, label: reason.label, isActive: reason.is_active }
      : blank,
  })
  const { errors, isSubmitting } = form.formState
  const key = reason?.code ?? 'new'
  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false)
    const r = await saveReasonCode(values)
    if (!r.ok) return showFailure(form, r)
    setSaved(true)
    if (!reason) form.reset(blank)
    router.refresh()
  })
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-wrap items-start gap-2"
      aria-label={reason ? `Reason ${reason.code}` : 'Add a reason code'}
    >
      <div className="flex w-44 flex-col gap-1">
        <label htmlFor={`rc-code-${key}`} className="text-sm font-medium">
          Code
        </label>
        <Input
          id={`rc-code-${key}`}
          readOnly={Boolean(reason)}
          invalid={Boolean(errors.code)}
          aria-describedby={errors.code ? `rc-code-${key}-error` : undefined}
          className="font-mono"
          {...form.register('code')}
        />
        <FieldError id={`rc-code-${key}-error`} message={errors.code?.message} />
      </div>
      <div className="flex min-w-48 flex-1 flex-col gap-1">
        <label htmlFor={`rc-label-${key}`} className="text-sm font-medium">
          Label
        </label>
        <Input
          id={`rc-label-${key}`}
          invalid={Boolean(errors.label)}
          aria-describedby={errors.label ? `rc-label-${key}-error` : undefined}
          {...form.register('label')}
        />
        <FieldError id={`rc-label-${key}-error`} message={errors.label?.message} />
      </div>
      <label className="mt-6 flex min-h-10 items-center gap-2 text-sm">
        <input type="checkbox" className="h-5 w-5" {...form.register('isActive')} /> In use
      </label>
      <Button type="submit" variant="secondary" className="mt-6" pending={isSubmitting}>
        {reason ? 'Save' : 'Add reason'}
      </Button>
      {saved ? (
        <span className="mt-8 text-sm text-green-700 dark:text-green-300" role="status">
          Saved
        </span>
      ) : null}
      {errors.root?.message ? (
        <p className="w-full text-sm text-red-700 dark:text-red-300" role="alert">
          {errors.root.message}
        </p>
      ) : null}
    </form>
  )
}
