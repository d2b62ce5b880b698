'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Button, Input } from '@/components/ui'
import { saveQueueSettings } from '@/lib/queues/actions'
import { QueueSettingsInput } from '@/lib/queues/schemas'

type Values = z.input<typeof QueueSettingsInput>

/** A queue's customer-facing settings (managers+); the database checks every value again. */
export function QueueSettingsForm({ initial }: { initial: Values }) {
  const router = useRouter()
  const form = useForm<Values, unknown, z.output<typeof QueueSettingsInput>>({
    resolver: zodResolver(QueueSettingsInput),
    defaultValues: initial,
  })
  const { errors, isSubmitting, isSubmitSuccessful } = form.formState
  const id = (k: string) => `${initial.queueId}-${k}`
  return (
    <form
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={form.handleSubmit(async (values) => {
        const r = await saveQueueSettings(values)
        if (!r.ok) showFailure(form, r)
        else router.refresh()
      })}
    >
      <FormField id={id('joinMode')} label="Who adds tickets" error={errors.joinMode?.message}>
        {(c) => (
          <select
            {...c}
            {...form.register('joinMode')}
            className="h-10 rounded-lg border border-zinc-300 bg-white px-3 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="both">Customers by QR and staff</option>
            <option value="walk_in_qr">Customers by QR only</option>
            <option value="staff">Staff only</option>
          </select>
        )}
      </FormField>
      <FormField id={id('ttlMinutes')} label="A ticket expires after (minutes)" error={errors.ttlMinutes?.message}>
        {(c) => <Input {...c} type="number" inputMode="numeric" {...form.register('ttlMinutes')} />}
      </FormField>
      <FormField
        id={id('defaultServiceMinutes')}
        label="Minutes per customer before any history"
        error={errors.defaultServiceMinutes?.message}
      >
        {(c) => <Input {...c} type="number" step="0.5" {...form.register('defaultServiceMinutes')} />}
      </FormField>
      <FormField
        id={id('maxOpen')}
        label="Most tickets open at once"
        hint="Empty: no limit"
        error={errors.maxOpen?.message}
      >
        {(c) => (
          <Input
            {...c}
            type="number"
            inputMode="numeric"
            {...form.register('maxOpen', { setValueAs: (v) => (v === '' || v === null ? null : Number(v)) })}
          />
        )}
      </FormField>
      <FormField
        id={id('nearPosition')}
        label={'"Nearly your turn" text at position'}
        error={errors.nearPosition?.message}
      >
        {(c) => <Input {...c} type="number" inputMode="numeric" {...form.register('nearPosition')} />}
      </FormField>
      <div className="flex items-center gap-3 self-end pb-2">
        <input id={id('phoneRequired')} type="checkbox" className="size-5" {...form.register('phoneRequired')} />
        <label htmlFor={id('phoneRequired')} className="text-sm font-medium">
          A phone number is required to join
        </label>
      </div>
      {errors.root ? (
        <Alert tone="error" className="sm:col-span-2">
          {errors.root.message}
        </Alert>
      ) : null}
      {isSubmitSuccessful && !errors.root ? (
        <Alert tone="success" className="sm:col-span-2">
          Saved.
        </Alert>
      ) : null}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={isSubmitting}>
          Save settings
        </Button>
      </div>
    </form>
  )
}
