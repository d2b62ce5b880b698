'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { Dialog } from '@/components/common/dialog'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Textarea } from '@/components/common/textarea'
import { Button } from '@/components/ui'
import { setBatchQuality } from '@/lib/batches/actions'
import { QUALITY_LABEL } from '@/lib/batches/labels'
import { SetQualityInput } from '@/lib/batches/schema'
import type { BatchJson, BoardBatch, Quality } from '@/lib/batches/types'
import { newClientId } from '@/lib/client-id'
import { cn } from '@/lib/cn'

type In = z.input<typeof SetQualityInput>
type Out = z.output<typeof SetQualityInput>

const CHOICES: { value: Quality; hint: string }[] = [
  { value: 'good', hint: 'Passes: it may move on' },
  { value: 'warning', hint: 'Passes, with something to watch' },
  { value: 'failed', hint: 'Blocks it from leaving the quality gate' },
]

/** The acoustic lab's verdict on a batch; failed needs a reason and holds it at the gate. */
export function QualityDialog({
  batch,
  onClose,
  onSaved,
}: {
  batch: BoardBatch | null
  onClose: () => void
  onSaved: (batch: BatchJson) => void
}) {
  return (
    <Dialog
      open={batch !== null}
      onClose={onClose}
      title={batch ? `Quality of ${batch.batch_number}` : 'Quality'}
      description="A failed batch cannot pass the quality gate until it is fixed or sent back for rework."
    >
      {batch ? <QualityForm key={batch.id} batch={batch} onClose={onClose} onSaved={onSaved} /> : null}
    </Dialog>
  )
}

function QualityForm({
  batch,
  onClose,
  onSaved,
}: {
  batch: BoardBatch
  onClose: () => void
  onSaved: (batch: BatchJson) => void
}) {
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(SetQualityInput),
    defaultValues: { batchId: batch.id, quality: batch.quality_status, reason: '', clientId: newClientId() },
  })
  const { errors, isSubmitting } = form.formState
  const quality = form.watch('quality')

  const onSubmit = form.handleSubmit(async () => {
    const result = await setBatchQuality(form.getValues())
    if (!result.ok) return showFailure(form, result)
    onSaved(result.data)
  })

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1.5 text-sm font-medium text-zinc-700 dark:text-zinc-300">Verdict</legend>
        {CHOICES.map((c) => (
          <label
            key={c.value}
            className={cn(
              'flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2.5 text-sm transition-colors',
              quality === c.value
                ? 'border-brand-500 bg-brand-50 dark:bg-brand-500/10'
                : 'border-zinc-200 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800/60',
            )}
          >
            <input type="radio" value={c.value} className="mt-0.5 accent-brand-600" {...form.register('quality')} />
            <span>
              <span className="block font-medium">{QUALITY_LABEL[c.value]}</span>
              <span className="block text-zinc-500 dark:text-zinc-400">{c.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <FormField
        id="quality-reason"
        label={quality === 'failed' ? 'What failed' : 'Note (optional)'}
        error={errors.reason?.message}
      >
        {(control) => <Textarea {...control} rows={2} {...form.register('reason')} />}
      </FormField>
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" pending={isSubmitting}>
          Save
        </Button>
      </div>
    </form>
  )
}
