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
import { advanceBatch, completeBatch } from '@/lib/batches/actions'
import { OverrideAdvanceInput } from '@/lib/batches/schema'
import type { BatchMove, BoardBatch } from '@/lib/batches/types'
import { newClientId } from '@/lib/client-id'

type In = z.input<typeof OverrideAdvanceInput>
type Out = z.output<typeof OverrideAdvanceInput>

export interface OverrideRequest {
  batch: BoardBatch
  /** The database's refusal, shown as it said it. */
  refusal: string
  /** Completing the last stage rather than advancing to the next. */
  complete: boolean
}

/**
 * A supervisor moves a batch on although the stage's required actions are not done: explicitly, with
 * a reason the database records beside who did it (it refuses the override from anyone else).
 */
export function OverrideDialog({
  request,
  onClose,
  onMoved,
  onFailed,
}: {
  request: OverrideRequest | null
  onClose: () => void
  onMoved: (move: BatchMove) => void
  onFailed: (message: string) => void
}) {
  return (
    <Dialog
      open={request !== null}
      onClose={onClose}
      title={request ? `Move ${request.batch.batch_number} on anyway` : 'Move on anyway'}
      description="The stage's open required work is skipped. Your name and the reason go into the batch's history."
    >
      {request ? (
        <OverrideForm
          key={request.batch.id}
          request={request}
          onClose={onClose}
          onMoved={onMoved}
          onFailed={onFailed}
        />
      ) : null}
    </Dialog>
  )
}

function OverrideForm({
  request,
  onClose,
  onMoved,
  onFailed,
}: {
  request: OverrideRequest
  onClose: () => void
  onMoved: (move: BatchMove) => void
  onFailed: (message: string) => void
}) {
  const { batch } = request
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(OverrideAdvanceInput),
    defaultValues: {
      batchId: batch.id,
      expectedStage: batch.current_stage,
      overrideReason: '',
      clientId: newClientId(),
    },
  })
  const { errors, isSubmitting } = form.formState

  const onSubmit = form.handleSubmit(async () => {
    const v = form.getValues()
    const result = request.complete
      ? await completeBatch({ batchId: v.batchId, clientId: v.clientId, overrideReason: v.overrideReason })
      : await advanceBatch(v)
    if (result.ok) return onMoved(result.data)
    if (result.fieldErrors) return showFailure(form, result)
    onFailed(result.message)
  })

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <Alert tone="warning">{request.refusal}</Alert>
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <FormField
        id="override-reason"
        label="Reason"
        error={errors.overrideReason?.message}
        hint="Why the work can be skipped, for the record"
      >
        {(control) => (
          <Textarea
            {...control}
            rows={3}
            autoFocus
            placeholder="e.g. Checked by hand at the bench; the tablet was down"
            {...form.register('overrideReason')}
          />
        )}
      </FormField>
      <div className="flex justify-end gap-2 pt-1">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" pending={isSubmitting}>
          {request.complete ? 'Complete anyway' : 'Move on anyway'}
        </Button>
      </div>
    </form>
  )
}
