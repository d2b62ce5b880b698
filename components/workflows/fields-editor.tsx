'use client'
import { useState } from 'react'
import { useFieldArray, useWatch } from 'react-hook-form'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { Select } from '@/components/common/select'
import { Textarea } from '@/components/common/textarea'
import { Button, FieldError, Input } from '@/components/ui'
import { FIELD_KIND_LABEL, FIELD_KINDS, jsonSchemaToFields } from '@/lib/workflows/fields'
import { blankFieldRow, customFieldsSchemaOf, rowOfField } from '@/lib/workflows/form-values'
import type { WorkflowForm } from './states-editor'

/**
 * The custom fields every item of this type carries: a list of typed fields that becomes the JSON
 * Schema, or (for experts) the JSON Schema itself. Switching reads one into the other; a schema the
 * list cannot express stays JSON, and the reason is shown.
 */
export function FieldsEditor({ form, note }: { form: WorkflowForm; note: string | null }) {
  const fields = useFieldArray({ control: form.control, name: 'fields' })
  const mode = useWatch({ control: form.control, name: 'fieldsMode' })
  const rows = useWatch({ control: form.control, name: 'fields' })
  const [why, setWhy] = useState<string | null>(note)
  const { errors } = form.formState

  const toRaw = () => {
    const schema = customFieldsSchemaOf({ ...form.getValues(), fieldsMode: 'list' })
    form.setValue('rawSchema', JSON.stringify(schema, null, 2))
    form.setValue('fieldsMode', 'raw')
    setWhy(null)
  }
  const toList = () => {
    let parsed: unknown
    try {
      parsed = JSON.parse(form.getValues('rawSchema'))
    } catch {
      return form.setError('rawSchema', {
        type: 'manual',
        message: 'Not valid JSON: fix it first, or keep editing JSON',
      })
    }
    const out = jsonSchemaToFields(parsed)
    if (!out.ok) return setWhy(out.reason)
    fields.replace(out.value.fields.map(rowOfField))
    form.setValue('closed', out.value.closed)
    form.setValue('fieldsMode', 'list')
    form.clearErrors('rawSchema')
    setWhy(null)
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {mode === 'list' ? 'What people fill in for each item.' : 'JSON Schema, draft 2020-12.'}
        </p>
        <Button type="button" variant="ghost" size="sm" onClick={mode === 'list' ? toRaw : toList}>
          {mode === 'list' ? 'Edit as JSON Schema' : 'Edit as a list'}
        </Button>
      </div>
      {why ? <Alert tone="info">The list cannot show this schema: {why}. Keep editing it as JSON.</Alert> : null}
      {mode === 'raw' ? (
        <FormField id="wf-raw-schema" label="Custom fields JSON Schema" error={errors.rawSchema?.message}>
          {(c) => (
            <Textarea
              {...c}
              rows={14}
              spellCheck={false}
              className="font-mono text-xs"
              {...form.register('rawSchema')}
            />
          )}
        </FormField>
      ) : (
        <>
          <ol className="flex flex-col divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Custom fields">
            {fields.fields.map((f, i) => {
              const e = errors.fields?.[i]
              const kind = rows?.[i]?.kind ?? 'text'
              const name = rows?.[i]?.label?.trim() || rows?.[i]?.key?.trim() || `field ${i + 1}`
              return (
                <li
                  key={f.id}
                  className="grid gap-3 py-3 first:pt-0 sm:grid-cols-2 lg:grid-cols-4"
                  data-testid="field-row"
                >
                  <FormField id={`wf-field-${i}-key`} label={`Field ${i + 1} key`} error={e?.key?.message}>
                    {(c) => (
                      <Input {...c} autoComplete="off" className="font-mono" {...form.register(`fields.${i}.key`)} />
                    )}
                  </FormField>
                  <FormField id={`wf-field-${i}-label`} label={`Field ${i + 1} label`} error={e?.label?.message}>
                    {(c) => <Input {...c} autoComplete="off" {...form.register(`fields.${i}.label`)} />}
                  </FormField>
                  <FormField id={`wf-field-${i}-kind`} label={`Field ${i + 1} type`} error={e?.kind?.message}>
                    {(c) => (
                      <Select {...c} {...form.register(`fields.${i}.kind`)}>
                        {FIELD_KINDS.map((k) => (
                          <option key={k} value={k}>
                            {FIELD_KIND_LABEL[k]}
                          </option>
                        ))}
                      </Select>
                    )}
                  </FormField>
                  <div className="flex items-end gap-3">
                    <label className="inline-flex h-10 items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        className="size-4 accent-brand-600"
                        {...form.register(`fields.${i}.required`)}
                      />
                      Required
                    </label>
                    <Button
                      type="button"
                      variant="ghost"
                      size="sm"
                      className="mb-0.5 ml-auto"
                      aria-label={`Remove ${name}`}
                      onClick={() => fields.remove(i)}
                    >
                      Remove
                    </Button>
                  </div>
                  {kind === 'text' ? (
                    <>
                      <FormField id={`wf-field-${i}-minlen`} label="Min length" error={e?.minLength?.message}>
                        {(c) => <Input {...c} inputMode="numeric" {...form.register(`fields.${i}.minLength`)} />}
                      </FormField>
                      <FormField id={`wf-field-${i}-maxlen`} label="Max length" error={e?.maxLength?.message}>
                        {(c) => <Input {...c} inputMode="numeric" {...form.register(`fields.${i}.maxLength`)} />}
                      </FormField>
                      <div className="sm:col-span-2">
                        <FormField
                          id={`wf-field-${i}-pattern`}
                          label="Pattern (regular expression)"
                          error={e?.pattern?.message}
                        >
                          {(c) => (
                            <Input
                              {...c}
                              className="font-mono"
                              spellCheck={false}
                              {...form.register(`fields.${i}.pattern`)}
                            />
                          )}
                        </FormField>
                      </div>
                    </>
                  ) : kind === 'number' || kind === 'integer' ? (
                    <>
                      <FormField id={`wf-field-${i}-min`} label="Minimum" error={e?.min?.message}>
                        {(c) => <Input {...c} inputMode="decimal" {...form.register(`fields.${i}.min`)} />}
                      </FormField>
                      <FormField id={`wf-field-${i}-max`} label="Maximum" error={e?.max?.message}>
                        {(c) => <Input {...c} inputMode="decimal" {...form.register(`fields.${i}.max`)} />}
                      </FormField>
                    </>
                  ) : kind === 'choice' ? (
                    <div className="sm:col-span-2">
                      <FormField id={`wf-field-${i}-options`} label="Choices, one per line" error={e?.options?.message}>
                        {(c) => <Textarea {...c} rows={3} {...form.register(`fields.${i}.options`)} />}
                      </FormField>
                    </div>
                  ) : null}
                </li>
              )
            })}
          </ol>
          {fields.fields.length === 0 ? (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">
              No custom fields: items carry only what every item has.
            </p>
          ) : null}
          <FieldError message={errors.fields?.message ?? errors.fields?.root?.message} className="mt-0" />
          <div className="flex flex-wrap items-center gap-4">
            <Button
              type="button"
              variant="secondary"
              size="sm"
              onClick={() =>
                fields.append(blankFieldRow(), { shouldFocus: true, focusName: `fields.${fields.fields.length}.key` })
              }
            >
              Add a field
            </Button>
            <label className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" className="size-4 accent-brand-600" {...form.register('closed')} />
              Refuse keys not listed here
            </label>
          </div>
        </>
      )}
    </div>
  )
}
