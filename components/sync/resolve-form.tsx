'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Select } from '@/components/common/select'
import { Textarea } from '@/components/common/textarea'
import { Button } from '@/components/ui'
import { resolveConflict } from '@/lib/sync/actions'
import { RESOLUTION_LABEL, RESOLUTIONS, ResolveConflict } from '@/lib/sync/schemas'

/** A supervisor's decision on one conflict; the rules (role, once, a reason to discard) are the database's. */
export function ResolveForm({ conflictId, label }: { conflictId: string; label: string }) {
  const router = useRouter()
  const form = useForm<z.input<typeof ResolveConflict>, unknown, z.output<typeof ResolveConflict>>({
    resolver: zodResolver(ResolveConflict),
    defaultValues: { conflictId, resolution: 'keep_mine', reason: '' },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await resolveConflict(values)
    if (!result.ok) return showFailure(form, result)
    router.refresh()
  })
  const id = `resolve-${conflictId}`
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label={`Resolve ${label}`}>
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <FormField id={`${id}-resolution`} label="Decision" error={errors.resolution?.message}>
        {(control) => (
          <Select {...control} {...form.register('resolution')}>
            {RESOLUTIONS.map((r) => (
              <option key={r} value={r}>
                {RESOLUTION_LABEL[r]}
              </option>
            ))}
          </Select>
        )}
      </FormField>
      <FormField
        id={`${id}-reason`}
        label="Reason"
        hint="Kept in the audit log; needed to discard"
        error={errors.reason?.message}
      >
        {(control) => <Textarea {...control} rows={2} {...form.register('reason')} />}
      </FormField>
      <div className="flex justify-end">
        <Button type="submit" pending={isSubmitting}>
          Resolve
        </Button>
      </div>
    </form>
  )
}
