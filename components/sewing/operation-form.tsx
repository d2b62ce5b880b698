'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { Controller, useFieldArray, useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Select } from '@/components/common/select'
import { Switch } from '@/components/common/switch'
import { Textarea } from '@/components/common/textarea'
import { Button, FieldError, Input } from '@/components/ui'
import { saveSewingOperation } from '@/lib/sewing/operation-actions'
import { enumWords, MACHINE_TYPES, OperationInput, SKILL_LEVELS } from '@/lib/sewing/operation-schema'
import type { SewingOperationRow } from '@/lib/sewing/queries'

type Values = z.input<typeof OperationInput>

/**
 * Add or edit one sewing operation. What it depends on is picked from the same product type's
 * operations; the database refuses a loop (OPERATION_DEPENDENCY_CYCLE) and the refusal shows under
 * "Depends on", as every refusal shows under its field (showFailure).
 */
export function OperationForm({
  orgId,
  productTypeId,
  operation,
  others,
  nextSequence,
  onDone,
}: {
  orgId: string
  productTypeId: string
  operation: (Omit<SewingOperationRow, 'defect_codes'> & { defect_codes: { code: string; label: string }[] }) | null
  others: Pick<SewingOperationRow, 'id' | 'name' | 'sequence_number'>[]
  nextSequence: number
  onDone: () => void
}) {
  const router = useRouter()
  const form = useForm<Values, unknown, z.output<typeof OperationInput>>({
    resolver: zodResolver(OperationInput),
    defaultValues: {
      orgId,
      operationId: operation?.id ?? '',
      productTypeId,
      name: operation?.name ?? '',
      sequenceNumber: operation?.sequence_number ?? nextSequence,
      standardMinutes: operation ? String(operation.standard_minutes) : '',
      pieceRate: operation ? String(operation.piece_rate) : '',
      machineType: operation?.machine_type ?? '',
      skillLevel: operation?.skill_level ?? 'INTERMEDIATE',
      dependsOn: operation?.depends_on ?? [],
      hasQcCheckpoint: operation?.has_qc_checkpoint ?? false,
      defectCodes: operation?.defect_codes ?? [],
      description: operation?.description ?? '',
      isActive: operation?.is_active ?? true,
    },
  })
  const defects = useFieldArray({ control: form.control, name: 'defectCodes' })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await saveSewingOperation(values)
    if (!result.ok) return showFailure(form, result)
    router.refresh()
    onDone()
  })
  const dependsError = errors.dependsOn?.message ?? errors.dependsOn?.root?.message
  const defectsError = errors.defectCodes?.message ?? errors.defectCodes?.root?.message
  return (
    <form onSubmit={onSubmit} noValidate className="flex max-h-[70vh] flex-col gap-4 overflow-y-auto pr-1">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
        <FormField id="op-name" label="Name" error={errors.name?.message}>
          {(control) => <Input {...control} {...form.register('name')} />}
        </FormField>
        <FormField id="op-sequence" label="Sequence" error={errors.sequenceNumber?.message}>
          {(control) => <Input {...control} inputMode="numeric" {...form.register('sequenceNumber')} />}
        </FormField>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="op-smv" label="Standard minutes (SMV)" error={errors.standardMinutes?.message}>
          {(control) => <Input {...control} inputMode="decimal" {...form.register('standardMinutes')} />}
        </FormField>
        <FormField id="op-rate" label="Piece rate" hint="Paid per good unit" error={errors.pieceRate?.message}>
          {(control) => <Input {...control} inputMode="decimal" {...form.register('pieceRate')} />}
        </FormField>
        <FormField id="op-machine" label="Machine" error={errors.machineType?.message}>
          {(control) => (
            <Select {...control} {...form.register('machineType')}>
              <option value="">Any machine</option>
              {MACHINE_TYPES.map((m) => (
                <option key={m} value={m}>
                  {enumWords(m)}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField id="op-skill" label="Skill level" error={errors.skillLevel?.message}>
          {(control) => (
            <Select {...control} {...form.register('skillLevel')}>
              {SKILL_LEVELS.map((s) => (
                <option key={s} value={s}>
                  {enumWords(s)}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>

      <Controller
        control={form.control}
        name="dependsOn"
        render={({ field }) => (
          <fieldset
            className="flex flex-col gap-2"
            aria-describedby={dependsError ? 'op-depends-error' : 'op-depends-hint'}
            aria-invalid={dependsError ? true : undefined}
          >
            <legend className="text-sm font-medium">Depends on</legend>
            <p id="op-depends-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
              The operations that must have finished a bundle’s units before this one starts on them.
            </p>
            {others.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No other operations in this product type.</p>
            ) : (
              <div className="grid gap-1 sm:grid-cols-2">
                {others.map((o) => {
                  const checked = field.value.includes(o.id)
                  return (
                    <label
                      key={o.id}
                      className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg px-2 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
                    >
                      <input
                        type="checkbox"
                        className="size-5 accent-brand-600"
                        checked={checked}
                        onChange={() =>
                          field.onChange(checked ? field.value.filter((v) => v !== o.id) : [...field.value, o.id])
                        }
                        onBlur={field.onBlur}
                      />
                      {o.sequence_number}. {o.name}
                    </label>
                  )
                })}
              </div>
            )}
            <FieldError id="op-depends-error" message={dependsError} className="mt-0" />
          </fieldset>
        )}
      />

      <div className="flex flex-col gap-2">
        <div className="flex items-center gap-3">
          <Controller
            control={form.control}
            name="hasQcCheckpoint"
            render={({ field }) => (
              <Switch id="op-qc" checked={field.value} onCheckedChange={field.onChange} aria-labelledby="op-qc-label" />
            )}
          />
          <span id="op-qc-label" className="text-sm font-medium">
            QC checkpoint: the operator counts defects here
          </span>
        </div>
        <fieldset className="flex flex-col gap-2" aria-describedby={defectsError ? 'op-defects-error' : undefined}>
          <legend className="text-sm font-medium">Defect codes</legend>
          {defects.fields.map((f, i) => (
            <div key={f.id} className="grid grid-cols-[10rem_1fr_auto] items-start gap-2">
              <Input
                aria-label={`Defect ${i + 1} code`}
                placeholder="OPEN_SEAM"
                className="font-mono uppercase"
                invalid={Boolean(errors.defectCodes?.[i]?.code)}
                {...form.register(`defectCodes.${i}.code`)}
              />
              <Input
                aria-label={`Defect ${i + 1} label`}
                placeholder="Open seam"
                invalid={Boolean(errors.defectCodes?.[i]?.label)}
                {...form.register(`defectCodes.${i}.label`)}
              />
              <Button variant="ghost" onClick={() => defects.remove(i)} aria-label={`Remove defect ${i + 1}`}>
                Remove
              </Button>
            </div>
          ))}
          <div>
            <Button variant="secondary" size="sm" onClick={() => defects.append({ code: '', label: '' })}>
              Add defect code
            </Button>
          </div>
          <FieldError id="op-defects-error" message={defectsError} className="mt-0" />
        </fieldset>
      </div>

      <FormField id="op-description" label="Description (optional)" error={errors.description?.message}>
        {(control) => <Textarea {...control} rows={2} {...form.register('description')} />}
      </FormField>
      {operation ? (
        <div className="flex items-center gap-3">
          <Controller
            control={form.control}
            name="isActive"
            render={({ field }) => (
              <Switch
                id="op-active"
                checked={field.value}
                onCheckedChange={field.onChange}
                aria-labelledby="op-active-label"
              />
            )}
          />
          <span id="op-active-label" className="text-sm font-medium">
            Active (off: archived, new runs skip it)
          </span>
        </div>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={isSubmitting}>
          {operation ? 'Save operation' : 'Add operation'}
        </Button>
      </div>
    </form>
  )
}
