'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Button, Input } from '@/components/ui'
import { newClientId } from '@/lib/client-id'
import { completeCuttingRun } from '@/lib/cutting/actions'
import { CompleteRunInput } from '@/lib/cutting/schema'

/**
 * What was cut: plies (prefilled with the lay's), defective pieces, fabric used and wastage. The
 * database works out units, minutes, efficiency and wastage % and makes the bundles.
 */
export function CompleteRunForm({
  runId,
  plies,
  onDone,
  onCancel,
}: {
  runId: string
  plies: number
  onDone: () => void
  onCancel: () => void
}) {
  const form = useForm<z.input<typeof CompleteRunInput>, unknown, z.output<typeof CompleteRunInput>>({
    resolver: zodResolver(CompleteRunInput),
    defaultValues: {
      runId,
      pliesCut: plies,
      defectiveUnits: 0,
      fabricUsedKg: '',
      wastageKg: '',
      notes: '',
      clientId: newClientId(),
    },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await completeCuttingRun(values)
    if (!result.ok) return showFailure(form, result)
    onDone()
  })
  const big = 'min-h-12 text-lg'
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <div className="grid grid-cols-2 gap-3">
        <FormField id="complete-plies" label="Plies cut" error={errors.pliesCut?.message}>
          {(control) => <Input {...control} className={big} inputMode="numeric" {...form.register('pliesCut')} />}
        </FormField>
        <FormField id="complete-defective" label="Defective pieces" error={errors.defectiveUnits?.message}>
          {(control) => <Input {...control} className={big} inputMode="numeric" {...form.register('defectiveUnits')} />}
        </FormField>
        <FormField id="complete-fabric" label="Fabric used (kg)" error={errors.fabricUsedKg?.message}>
          {(control) => <Input {...control} className={big} inputMode="decimal" {...form.register('fabricUsedKg')} />}
        </FormField>
        <FormField id="complete-wastage" label="Wastage (kg)" error={errors.wastageKg?.message}>
          {(control) => <Input {...control} className={big} inputMode="decimal" {...form.register('wastageKg')} />}
        </FormField>
      </div>
      <FormField id="complete-notes" label="Notes (optional)" error={errors.notes?.message}>
        {(control) => <Input {...control} {...form.register('notes')} />}
      </FormField>
      <div className="flex justify-end gap-2">
        <Button size="touch" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="touch" type="submit" pending={isSubmitting}>
          Complete and make bundles
        </Button>
      </div>
    </form>
  )
}
