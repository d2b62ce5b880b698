'use client'
import { type UseFormReturn, useFieldArray, useWatch } from 'react-hook-form'
import type { z } from 'zod'
import { FormField } from '@/components/common/form-field'
import { Select } from '@/components/common/select'
import { Button, FieldError, Input } from '@/components/ui'
import { STATUS_LABEL } from '@/lib/orders/labels'
import { blankStateRow } from '@/lib/workflows/form-values'
import { ORDER_STATUSES } from '@/lib/workflows/fsm'
import type { WorkflowFormValues, WorkflowInput } from '@/lib/workflows/schema'

export type WorkflowForm = UseFormReturn<WorkflowFormValues, unknown, z.output<typeof WorkflowInput>>

/** The states: name, where items start, where they end, and per state what it means (labels, batch meta). */
export function StatesEditor({ form, live }: { form: WorkflowForm; live: Record<string, number> }) {
  const states = useFieldArray({ control: form.control, name: 'states', keyName: 'rowKey' })
  const subject = useWatch({ control: form.control, name: 'subject' })
  const initUid = useWatch({ control: form.control, name: 'initUid' })
  const { errors } = form.formState
  return (
    <div className="flex flex-col gap-3">
      <FieldError id="wf-init-error" message={errors.initUid?.message} className="mt-0" />
      <ol className="flex flex-col divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="States">
        {states.fields.map((s, i) => {
          const e = errors.states?.[i]
          const name = form.getValues(`states.${i}.key`) || `state ${i + 1}`
          const here = s.originalKey ? (live[s.originalKey] ?? 0) : 0
          return (
            <li key={s.rowKey} className="flex flex-col gap-3 py-3 first:pt-0" data-testid="state-row">
              <div className="flex flex-wrap items-end gap-3">
                <div className="min-w-40 flex-1">
                  <FormField id={`wf-state-${i}`} label={`State ${i + 1} name`} error={e?.key?.message}>
                    {(c) => <Input {...c} autoComplete="off" {...form.register(`states.${i}.key`)} />}
                  </FormField>
                </div>
                <label className="inline-flex h-10 items-center gap-2 text-sm">
                  <input
                    type="radio"
                    className="size-4 accent-brand-600"
                    checked={initUid === s.uid}
                    onChange={() => form.setValue('initUid', s.uid, { shouldDirty: true })}
                    name="wf-init"
                    aria-label={`Items start in ${name}`}
                  />
                  Start
                </label>
                <label className="inline-flex h-10 items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="size-4 accent-brand-600"
                    aria-label={`${name} is terminal`}
                    aria-describedby={e?.terminal ? `wf-state-${i}-terminal-error` : undefined}
                    {...form.register(`states.${i}.terminal`)}
                  />
                  Ends here
                </label>
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  className="mb-0.5"
                  aria-label={`Remove state ${name}`}
                  onClick={() => states.remove(i)}
                  disabled={states.fields.length === 1}
                >
                  Remove
                </Button>
              </div>
              {here ? (
                <p className="text-xs text-zinc-500 dark:text-zinc-400">
                  {here} live {here === 1 ? 'item is' : 'items are'} here: renaming moves {here === 1 ? 'it' : 'them'}{' '}
                  along; removing asks where {here === 1 ? 'it goes' : 'they go'}.
                </p>
              ) : null}
              <FieldError id={`wf-state-${i}-terminal-error`} message={e?.terminal?.message} className="mt-0" />
              <details className="group text-sm">
                <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">
                  Labels{subject === 'batch' ? ', order status and QC gate' : ''}
                </summary>
                <div className="mt-2 grid gap-3 sm:grid-cols-2">
                  <FormField id={`wf-state-${i}-label`} label="Label on screens (optional)" error={e?.label?.message}>
                    {(c) => <Input {...c} autoComplete="off" {...form.register(`states.${i}.label`)} />}
                  </FormField>
                  <FormField
                    id={`wf-state-${i}-public`}
                    label="Public label (tracking page)"
                    error={e?.publicLabel?.message}
                  >
                    {(c) => <Input {...c} autoComplete="off" {...form.register(`states.${i}.publicLabel`)} />}
                  </FormField>
                  {subject === 'batch' ? (
                    <>
                      <FormField
                        id={`wf-state-${i}-status`}
                        label="Order status while here"
                        error={e?.orderStatus?.message}
                      >
                        {(c) => (
                          <Select {...c} {...form.register(`states.${i}.orderStatus`)}>
                            <option value="">(unchanged)</option>
                            {ORDER_STATUSES.map((o) => (
                              <option key={o} value={o}>
                                {STATUS_LABEL[o]}
                              </option>
                            ))}
                          </Select>
                        )}
                      </FormField>
                      <label className="inline-flex items-center gap-2 self-end pb-2.5">
                        <input
                          type="checkbox"
                          className="size-4 accent-brand-600"
                          {...form.register(`states.${i}.qcGate`)}
                        />
                        QC gate: leaves only with a passing quality check
                      </label>
                    </>
                  ) : null}
                </div>
              </details>
            </li>
          )
        })}
      </ol>
      {errors.states?.message ? <FieldError message={errors.states.message} className="mt-0" /> : null}
      <div>
        <Button
          type="button"
          variant="secondary"
          size="sm"
          onClick={() =>
            states.append(blankStateRow(), { shouldFocus: true, focusName: `states.${states.fields.length}.key` })
          }
        >
          Add a state
        </Button>
      </div>
    </div>
  )
}
