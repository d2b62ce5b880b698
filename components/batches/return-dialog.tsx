'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { Dialog } from '@/components/common/dialog'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Select } from '@/components/common/select'
import { Textarea } from '@/components/common/textarea'
import { Button } from '@/components/ui'
import { returnBatch } from '@/lib/batches/actions'
import { ReturnBatchInput } from '@/lib/batches/schema'
import type { BatchMove, BoardBatch, BoardStage, Stage } from '@/lib/batches/types'
import { newClientId } from '@/lib/client-id'

type In = z.input<typeof ReturnBatchInput>
type Out = z.output<typeof ReturnBatchInput>

export interface ReturnRequest {
  batch: BoardBatch
  to: Stage
}

/** Sending a batch back for rework: an earlier stage and a reason (supervisors+; the trigger insists too). */
export function ReturnDialog({
  request,
  stages,
  onClose,
  onReturned,
  onFailed,
}: {
  request: ReturnRequest | null
  stages: BoardStage[]
  onClose: () => void
  onReturned: (move: BatchMove) => void
  onFailed: (message: string) => void
}) {
  return (
    <Dialog
      open={request !== null}
      onClose={onClose}
      title={request ? `Send ${request.batch.batch_number} back` : 'Send back'}
      description="The batch goes back for rework. The reason is kept in the batch's history."
    >
      {request ? (
        <ReturnForm
          key={`${request.batch.id}:${request.to}`}
          request={request}
          stages={stages}
          onClose={onClose}
          onReturned={onReturned}
          onFailed={onFailed}
        />
      ) : null}
    </Dialog>
  )
}

function ReturnForm({
  request,
  stages,
  onClose,
  onReturned,
  onFailed,
}: {
  request: ReturnRequest
  stages: BoardStage[]
  onClose: () => void
  onReturned: (move: BatchMove) => void
  onFailed: (message: string) => void
}) {
  const { batch } = request
  const current = stages.find((s) => s.stage === batch.current_stage)?.position ?? 0
  // the earlier stages the batch's machine goes back to (batch_board's returns_to)
  const earlier = stages.filter((s) => s.position < current && batch.returns_to.includes(s.stage))
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(ReturnBatchInput),
    defaultValues: {
      batchId: batch.id,
      expectedStage: batch.current_stage,
      toStage: request.to,
      reason: '',
      clientId: newClientId(),
    },
  })
  const { errors, isSubmitting } = form.formState

  const onSubmit = form.handleSubmit(async () => {
    const result = await returnBatch(form.getValues())
    if (result.ok) return onReturned(result.data)
    // a stale stage or a refused rule closes the dialog and shows on the board; field errors stay here
    if (result.fieldErrors) return showFailure(form, result)
    onFailed(result.message)
  })

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <FormField id="return-to" label="Back to" error={errors.toStage?.message}>
        {(control) => (
          <Select {...control} {...form.register('toStage')}>
            {earlier.map((s) => (
              <option key={s.stage} value={s.stage}>
                {s.name}
              </option>
            ))}
          </Select>
        )}
      </FormField>
      <FormField
        id="return-reason"
        label="Reason"
        error={errors.reason?.message}
        hint="What needs rework, for the bench"
      >
        {(control) => (
          <Textarea
            {...control}
            rows={3}
            autoFocus
            placeholder="e.g. Finish has dust nibs on two cups"
            {...form.register('reason')}
          />
        )}
      </FormField>
      <div className="flex justify-end gap-2 pt-1">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" pending={isSubmitting}>
          Send back
        </Button>
      </div>
    </form>
  )
}
