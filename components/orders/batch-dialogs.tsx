'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import Link from 'next/link'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { Dialog } from '@/components/common/dialog'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Select } from '@/components/common/select'
import { Textarea } from '@/components/common/textarea'
import { Button, buttonClasses, Input } from '@/components/ui'
import { addOrdersToBatch, createBatch } from '@/lib/batches/actions'
import { PRIORITIES, PRIORITY_LABEL } from '@/lib/batches/labels'
import { AddToBatchInput, CreateBatchInput } from '@/lib/batches/schema'
import type { BatchJson, BoardBatch } from '@/lib/batches/types'
import { newClientId } from '@/lib/client-id'
import type { OrderRow } from '@/lib/orders/types'

type Chosen = Pick<OrderRow, 'id' | 'order_number'>

function OrderList({ orders }: { orders: Chosen[] }) {
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400">
      {orders.length} {orders.length === 1 ? 'order' : 'orders'}: {orders.map((o) => o.order_number).join(', ')}
    </p>
  )
}

function Created({ batch, slug, verb, onDone }: { batch: BatchJson; slug: string; verb: string; onDone: () => void }) {
  return (
    <div className="flex flex-col gap-4">
      <Alert tone="success" data-testid="batch-created">
        Batch <strong>{batch.batch_number}</strong> {verb}: {batch.order_count}{' '}
        {batch.order_count === 1 ? 'order' : 'orders'} at {batch.current_stage}.
      </Alert>
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
        <Link href={`/${slug}/batches`} className={buttonClasses()}>
          Open the board
        </Link>
      </div>
    </div>
  )
}

/**
 * Both batch dialogs: a form until the batch comes back, then what became of it. Closing after a
 * result reports `onDone` (the list reloads); closing before reports `onClose`.
 */
function BatchResultDialog({
  open,
  slug,
  title,
  description,
  verb,
  onClose,
  onDone,
  form,
}: {
  open: boolean
  slug: string
  title: string
  description: string
  verb: string
  onClose: () => void
  onDone: () => void
  form: (close: () => void, onMade: (batch: BatchJson) => void) => React.ReactNode
}) {
  const [made, setMade] = useState<BatchJson | null>(null)
  const close = () => {
    if (made) onDone()
    else onClose()
    setMade(null)
  }
  return (
    <Dialog open={open} onClose={close} title={title} description={description}>
      {made ? <Created batch={made} slug={slug} verb={verb} onDone={close} /> : form(close, setMade)}
    </Dialog>
  )
}

type CreateIn = z.input<typeof CreateBatchInput>
type CreateOut = z.output<typeof CreateBatchInput>

/** A new batch from the selected pending orders, at the workflow's first stage. */
export function CreateBatchDialog({
  open,
  orgId,
  slug,
  orders,
  onClose,
  onDone,
}: {
  open: boolean
  orgId: string
  slug: string
  orders: Chosen[]
  onClose: () => void
  onDone: () => void
}) {
  return (
    <BatchResultDialog
      open={open}
      slug={slug}
      title="Create a batch"
      description="The orders go through the workshop together, starting at the first stage."
      verb="is ready"
      onClose={onClose}
      onDone={onDone}
      form={(close, onMade) => <CreateBatchForm orgId={orgId} orders={orders} onClose={close} onMade={onMade} />}
    />
  )
}

function CreateBatchForm({
  orgId,
  orders,
  onClose,
  onMade,
}: {
  orgId: string
  orders: Chosen[]
  onClose: () => void
  onMade: (b: BatchJson) => void
}) {
  const form = useForm<CreateIn, unknown, CreateOut>({
    resolver: zodResolver(CreateBatchInput),
    defaultValues: {
      orgId,
      orderIds: orders.map((o) => o.id),
      priority: '',
      targetCompletion: '',
      notes: '',
      clientId: newClientId(),
    },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async () => {
    const result = await createBatch(form.getValues())
    if (!result.ok) return showFailure(form, result)
    onMade(result.data)
  })
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <OrderList orders={orders} />
      {errors.root?.message || errors.orderIds?.message ? (
        <Alert tone="error">{errors.root?.message ?? errors.orderIds?.message}</Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          id="batch-priority"
          label="Priority"
          error={errors.priority?.message}
          hint="Default: the orders' highest"
        >
          {(control) => (
            <Select {...control} {...form.register('priority')}>
              <option value="">From the orders</option>
              {[...PRIORITIES].reverse().map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABEL[p]}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField
          id="batch-target"
          label="Target date"
          error={errors.targetCompletion?.message}
          hint="Default: the earliest due date"
        >
          {(control) => <Input {...control} type="date" {...form.register('targetCompletion')} />}
        </FormField>
      </div>
      <FormField id="batch-notes" label="Notes (optional)" error={errors.notes?.message}>
        {(control) => <Textarea {...control} rows={2} {...form.register('notes')} />}
      </FormField>
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" pending={isSubmitting}>
          Create batch
        </Button>
      </div>
    </form>
  )
}

type AddIn = z.input<typeof AddToBatchInput>
type AddOut = z.output<typeof AddToBatchInput>

/** The selected orders join a batch that has not started yet (still at the first stage). */
export function AddToBatchDialog({
  open,
  slug,
  orders,
  batches,
  onClose,
  onDone,
}: {
  open: boolean
  slug: string
  orders: Chosen[]
  batches: Pick<BoardBatch, 'id' | 'batch_number' | 'order_count' | 'priority'>[]
  onClose: () => void
  onDone: () => void
}) {
  return (
    <BatchResultDialog
      open={open}
      slug={slug}
      title="Add to a batch"
      description="Orders can join a batch only before it leaves its first stage."
      verb="now has them"
      onClose={onClose}
      onDone={onDone}
      form={(close, onMade) => <AddForm orders={orders} batches={batches} onClose={close} onMade={onMade} />}
    />
  )
}

function AddForm({
  orders,
  batches,
  onClose,
  onMade,
}: {
  orders: Chosen[]
  batches: Pick<BoardBatch, 'id' | 'batch_number' | 'order_count' | 'priority'>[]
  onClose: () => void
  onMade: (b: BatchJson) => void
}) {
  const form = useForm<AddIn, unknown, AddOut>({
    resolver: zodResolver(AddToBatchInput),
    defaultValues: { batchId: batches[0]?.id ?? '', orderIds: orders.map((o) => o.id), clientId: newClientId() },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async () => {
    const result = await addOrdersToBatch(form.getValues())
    if (!result.ok) return showFailure(form, result)
    onMade(result.data)
  })
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <OrderList orders={orders} />
      {errors.root?.message || errors.orderIds?.message ? (
        <Alert tone="error">{errors.root?.message ?? errors.orderIds?.message}</Alert>
      ) : null}
      <FormField id="add-batch" label="Batch" error={errors.batchId?.message}>
        {(control) => (
          <Select {...control} {...form.register('batchId')}>
            {batches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.batch_number} · {b.order_count} {b.order_count === 1 ? 'order' : 'orders'} ·{' '}
                {PRIORITY_LABEL[b.priority]}
              </option>
            ))}
          </Select>
        )}
      </FormField>
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" pending={isSubmitting}>
          Add orders
        </Button>
      </div>
    </form>
  )
}
