'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Select } from '@/components/common/select'
import { Button, Input } from '@/components/ui'
import { newClientId } from '@/lib/client-id'
import { startCuttingRun } from '@/lib/cutting/actions'
import { StartRunInput } from '@/lib/cutting/schema'

/** Start a run: the cutter (operators cut themselves; a supervisor may name anyone) and the machine. */
export function StartRunForm({
  layId,
  members,
  supervisor,
  onDone,
  onCancel,
}: {
  layId: string
  members: Array<{ id: string; display_name: string }>
  supervisor: boolean
  onDone: () => void
  onCancel: () => void
}) {
  const form = useForm<z.input<typeof StartRunInput>, unknown, z.output<typeof StartRunInput>>({
    resolver: zodResolver(StartRunInput),
    defaultValues: { layId, cutterId: '', machine: 'Straight knife 1', clientId: newClientId() },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await startCuttingRun(values)
    if (!result.ok) return showFailure(form, result)
    onDone()
  })
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      {supervisor ? (
        <FormField id="run-cutter" label="Cutter" error={errors.cutterId?.message} hint="Leave as “Me” to cut yourself">
          {(control) => (
            <Select {...control} touch {...form.register('cutterId')}>
              <option value="">Me</option>
              {members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.display_name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      ) : null}
      <FormField id="run-machine" label="Machine" error={errors.machine?.message}>
        {(control) => <Input {...control} className="min-h-12 text-lg" {...form.register('machine')} />}
      </FormField>
      <div className="flex justify-end gap-2">
        <Button size="touch" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="touch" type="submit" pending={isSubmitting}>
          Start cutting
        </Button>
      </div>
    </form>
  )
}
