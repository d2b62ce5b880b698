'use client'
import { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { Button, Input } from '@/components/ui'
import { Measurement } from '@/lib/floor/schemas'
import { type ActionFormProps, num, typedNumber, useActionForm } from './use-action-form'

const Fields = z.object({
  data: z.object({ value: typedNumber('Enter the value').pipe(Measurement.shape.value), unit: z.string() }),
})

/** A measured value in the action's unit; the database checks it against the tolerance. */
export function MeasurementForm({ action, onSubmit }: ActionFormProps) {
  const unit = String(action.config.unit ?? '')
  const min = num(action.config.min)
  const max = num(action.config.max)
  const target = num(action.config.target)
  const { form, submit } = useActionForm(Fields, { data: { value: '', unit } }, onSubmit)
  const { errors, isSubmitting } = form.formState
  const typed = String(form.watch('data.value') ?? '').trim()
  const value = typed ? Number(typed.replace(',', '.')) : Number.NaN
  // said before saving (issue 10); the database still decides, and records an out-of-range value as failed
  const outside = Number.isFinite(value)
    ? min !== undefined && value < min
      ? `${typed} ${unit} is below the minimum ${min} ${unit}`
      : max !== undefined && value > max
        ? `${typed} ${unit} is above the maximum ${max} ${unit}`
        : null
    : null
  return (
    <form className="flex flex-col gap-4" onSubmit={submit} noValidate>
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <p className="text-lg">
        Allowed: {min ?? '…'} – {max ?? '…'} {unit}
        {target !== undefined ? ` (target ${target} ${unit})` : ''}
      </p>
      <FormField id="measure-value" label="Value" error={errors.data?.value?.message}>
        {(control) => (
          <div className="flex items-center gap-3">
            <Input
              {...control}
              touch
              autoFocus
              inputMode="decimal"
              autoComplete="off"
              className="text-3xl font-semibold tabular-nums"
              {...form.register('data.value')}
            />
            <span className="text-2xl font-semibold">{unit}</span>
          </div>
        )}
      </FormField>
      {outside ? (
        <p
          role="status"
          data-testid="tolerance-warning"
          className="rounded-2xl border-2 border-amber-400 bg-amber-50 p-3 text-lg text-amber-950 dark:border-amber-500/50 dark:bg-amber-500/10 dark:text-amber-100"
        >
          Out of tolerance: {outside}. Saving records a failed measurement; check the reading first.
        </p>
      ) : null}
      <Button type="submit" size="touch" className="h-14 text-lg" pending={isSubmitting}>
        {outside ? 'Save as out of tolerance' : 'Save measurement'}
      </Button>
    </form>
  )
}
