'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { type Control, type FieldErrors, type UseFormRegister, useFieldArray, useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Select } from '@/components/common/select'
import { Textarea } from '@/components/common/textarea'
import { Button, buttonClasses, Card, CardContent, CardHeader, CardTitle, FieldError, Input } from '@/components/ui'
import { newClientId } from '@/lib/client-id'
import { saveModel } from '@/lib/models/actions'
import type { ModelFormValues } from '@/lib/models/form-values'
import { COMPLEXITY_LABEL, WOOD_SWATCH, WOODS } from '@/lib/models/labels'
import { SaveModelInput } from '@/lib/models/schema'
import { Constants } from '@/types/database'

type Out = z.output<typeof SaveModelInput>

/**
 * Creating or editing a model: its fields, then each stage of the workflow with its hours and QC
 * checklist (rows added and removed). Errors land under their fields, the database's too (a taken
 * name or SKU prefix, a stage's hours, a check's label).
 */
export function ModelForm({ slug, values, currency }: { slug: string; values: ModelFormValues; currency: string }) {
  const router = useRouter()
  const form = useForm<ModelFormValues, unknown, Out>({
    resolver: zodResolver(SaveModelInput),
    defaultValues: { ...values, clientId: newClientId() },
  })
  const { errors, isSubmitting } = form.formState
  const stages = useFieldArray({ control: form.control, name: 'stages' })
  const editing = Boolean(values.modelId)

  const onSubmit = form.handleSubmit(async () => {
    const result = await saveModel(form.getValues())
    if (!result.ok) return showFailure(form, result)
    router.push(`/${slug}/models`)
    router.refresh()
  })

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-6"
      aria-label={editing ? 'Edit model' : 'New model'}
    >
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <Card>
        <CardHeader>
          <CardTitle>Model</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField id="model-name" label="Name" error={errors.name?.message}>
            {(control) => <Input {...control} autoComplete="off" {...form.register('name')} />}
          </FormField>
          <FormField
            id="model-sku"
            label="SKU prefix"
            error={errors.skuPrefix?.message}
            hint="Letters and digits; Shopify line items are matched by it"
          >
            {(control) => (
              <Input
                {...control}
                autoComplete="off"
                autoCapitalize="characters"
                className="font-mono uppercase"
                {...form.register('skuPrefix')}
              />
            )}
          </FormField>
          <FormField id="model-complexity" label="Complexity" error={errors.complexity?.message}>
            {(control) => (
              <Select {...control} {...form.register('complexity')}>
                {Constants.public.Enums.model_complexity.map((c) => (
                  <option key={c} value={c}>
                    {COMPLEXITY_LABEL[c]}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <FormField id="model-price" label={`List price (${currency})`} error={errors.price?.message}>
            {(control) => <Input {...control} inputMode="decimal" autoComplete="off" {...form.register('price')} />}
          </FormField>
          <fieldset
            className="flex flex-col gap-1.5 sm:col-span-2"
            aria-describedby={errors.woods ? 'model-woods-error' : undefined}
          >
            <legend className="mb-1.5 text-sm font-medium">Woods (materials) it is made in</legend>
            <div className="flex flex-wrap gap-2">
              {WOODS.map((w) => (
                <label
                  key={w}
                  className="inline-flex min-h-10 cursor-pointer items-center gap-2 rounded-lg border border-zinc-300 px-3 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50 dark:border-zinc-700 dark:has-[:checked]:bg-brand-500/10"
                >
                  <input type="checkbox" value={w} className="size-4 accent-brand-600" {...form.register('woods')} />
                  <span
                    aria-hidden="true"
                    className="size-3.5 rounded-full ring-1 ring-black/10"
                    style={{ background: WOOD_SWATCH[w] }}
                  />
                  {w}
                </label>
              ))}
            </div>
            <FieldError id="model-woods-error" message={errors.woods?.message} className="mt-0" />
          </fieldset>
          <FormField
            id="model-base-hours"
            label="Nominal build hours (optional)"
            error={errors.baseHours?.message}
            hint="Empty: the sum of the stage hours below"
          >
            {(control) => <Input {...control} inputMode="decimal" autoComplete="off" {...form.register('baseHours')} />}
          </FormField>
          <div className="sm:col-span-2">
            <FormField id="model-description" label="Description (optional)" error={errors.description?.message}>
              {(control) => <Textarea {...control} rows={2} {...form.register('description')} />}
            </FormField>
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Stages</CardTitle>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Hours per unit at each stage (they add up to the model’s build time) and what to check before it moves on.
          </p>
        </CardHeader>
        <CardContent className="flex flex-col divide-y divide-zinc-100 dark:divide-zinc-800">
          {stages.fields.map((field, i) => (
            <StageFields
              key={field.id}
              index={i}
              stage={field.stage}
              control={form.control}
              register={form.register}
              errors={errors.stages?.[i]}
            />
          ))}
          {errors.stages?.message ? <Alert tone="error">{errors.stages.message}</Alert> : null}
        </CardContent>
      </Card>

      <div className="flex justify-end gap-2">
        <Link href={`/${slug}/models`} className={buttonClasses({ variant: 'ghost' })}>
          Cancel
        </Link>
        <Button type="submit" pending={isSubmitting}>
          {editing ? 'Save model' : 'Add model'}
        </Button>
      </div>
    </form>
  )
}

type StageErrors = NonNullable<FieldErrors<ModelFormValues>['stages']>[number]

function StageFields({
  index,
  stage,
  control,
  register,
  errors,
}: {
  index: number
  stage: string
  control: Control<ModelFormValues, unknown, Out>
  register: UseFormRegister<ModelFormValues>
  errors: StageErrors | undefined
}) {
  const checks = useFieldArray({ control, name: `stages.${index}.quality_checklist` })
  const slug = stage.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  return (
    <section aria-labelledby={`stage-${slug}`} className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h3 id={`stage-${slug}`} className="font-medium">
          {stage}
        </h3>
        <div className="w-32">
          <FormField id={`stage-${slug}-hours`} label={`${stage} hours`} error={errors?.estimated_hours?.message}>
            {(c) => (
              <Input {...c} inputMode="decimal" autoComplete="off" {...register(`stages.${index}.estimated_hours`)} />
            )}
          </FormField>
        </div>
      </div>
      <ul className="flex flex-col gap-2" aria-label={`${stage} checklist`}>
        {checks.fields.map((check, j) => (
          <li key={check.id} className="flex items-start gap-2">
            <div className="flex-1">
              <FormField
                id={`stage-${slug}-check-${j}`}
                label={<span className="sr-only">{`${stage} check ${j + 1}`}</span>}
                error={errors?.quality_checklist?.[j]?.label?.message}
              >
                {(c) => (
                  <Input
                    {...c}
                    autoComplete="off"
                    placeholder="What to check"
                    {...register(`stages.${index}.quality_checklist.${j}.label`)}
                  />
                )}
              </FormField>
            </div>
            <label className="mt-1.5 inline-flex h-10 items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                className="size-4 accent-brand-600"
                {...register(`stages.${index}.quality_checklist.${j}.required`)}
              />
              Required
            </label>
            <Button
              type="button"
              variant="ghost"
              size="sm"
              className="mt-1.5"
              aria-label={`Remove ${stage} check ${j + 1}`}
              onClick={() => checks.remove(j)}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      {errors?.quality_checklist?.message ? (
        <FieldError id={`stage-${slug}-checks-error`} message={errors.quality_checklist.message} className="mt-0" />
      ) : null}
      <div>
        <Button
          type="button"
          variant="secondary"
          size="sm"
          onClick={() => checks.append({ label: '', required: false }, { shouldFocus: true })}
        >
          Add a check to {stage}
        </Button>
      </div>
    </section>
  )
}
