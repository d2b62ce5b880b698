'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Button, Input } from '@/components/ui'
import { archiveShift, createShift, updateShift } from '@/lib/dashboard/shift-actions'
import { ShiftFields } from '@/lib/dashboard/shift-schema'

export interface ShiftValue {
  id: string
  code: string
  name: string
  starts_at: string
  ends_at: string
  archived_at: string | null
}

/** One shift's row, editable in place; without a shift, the "add a shift" form. */
export function ShiftForm({ orgId, shift }: { orgId: string; shift?: ShiftValue }) {
  const router = useRouter()
  const [archiving, setArchiving] = useState(false)
  const [archiveError, setArchiveError] = useState<string | null>(null)
  const form = useForm<z.input<typeof ShiftFields>, unknown, z.output<typeof ShiftFields>>({
    resolver: zodResolver(ShiftFields),
    defaultValues: {
      code: shift?.code ?? '',
      name: shift?.name ?? '',
      starts_at: shift?.starts_at.slice(0, 5) ?? '',
      ends_at: shift?.ends_at.slice(0, 5) ?? '',
    },
  })
  const { errors, isSubmitting, isDirty } = form.formState
  const key = shift?.id ?? 'new'
  const onSubmit = form.handleSubmit(async (values) => {
    const result = shift ? await updateShift({ id: shift.id, ...values }) : await createShift({ orgId, ...values })
    if (!result.ok) return showFailure(form, result)
    if (!shift) form.reset()
    else form.reset(values)
    router.refresh()
  })
  const toggleArchive = async () => {
    if (!shift) return
    setArchiving(true)
    setArchiveError(null)
    const result = await archiveShift({ id: shift.id, archived: !shift.archived_at })
    setArchiving(false)
    if (!result.ok) setArchiveError(result.message)
    else router.refresh()
  }
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={shift ? `Shift ${shift.name}` : 'Add a shift'}
      className="grid grid-cols-2 items-start gap-3 rounded-xl border border-zinc-200 p-4 md:grid-cols-[8rem_1fr_8rem_8rem_auto] dark:border-zinc-800"
    >
      {errors.root?.message || archiveError ? (
        <div className="col-span-full">
          <Alert tone="error">{errors.root?.message ?? archiveError}</Alert>
        </div>
      ) : null}
      <FormField id={`shift-code-${key}`} label="Code" error={errors.code?.message}>
        {(control) => <Input {...control} {...form.register('code')} autoCapitalize="characters" />}
      </FormField>
      <FormField id={`shift-name-${key}`} label="Name" error={errors.name?.message}>
        {(control) => <Input {...control} {...form.register('name')} />}
      </FormField>
      <FormField id={`shift-start-${key}`} label="Starts" error={errors.starts_at?.message}>
        {(control) => <Input {...control} type="time" {...form.register('starts_at')} />}
      </FormField>
      <FormField
        id={`shift-end-${key}`}
        label="Ends"
        error={errors.ends_at?.message}
        hint={shift && shift.ends_at <= shift.starts_at ? 'next day' : undefined}
      >
        {(control) => <Input {...control} type="time" {...form.register('ends_at')} />}
      </FormField>
      <div className="col-span-full flex gap-2 md:col-span-1 md:pt-6">
        <Button type="submit" pending={isSubmitting} disabled={shift ? !isDirty : false}>
          {shift ? 'Save' : 'Add shift'}
        </Button>
        {shift ? (
          <Button variant="ghost" onClick={toggleArchive} pending={archiving}>
            {shift.archived_at ? 'Restore' : 'Archive'}
          </Button>
        ) : null}
      </div>
    </form>
  )
}
