'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import Link from 'next/link'
import { useState, useTransition } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { Dialog } from '@/components/common/dialog'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Textarea } from '@/components/common/textarea'
import { Button, buttonClasses } from '@/components/ui'
import type { OrderStatus } from '@/lib/batches/types'
import { newClientId } from '@/lib/client-id'
import { cancelOrder, changeOrderStatus } from '@/lib/orders/actions'
import { MANUAL_STATUS_CHANGES } from '@/lib/orders/labels'
import { CancelOrderInput, ChangeStatusInput } from '@/lib/orders/schema'

/** The order's page actions: edit, the hand-made status changes, cancel (managers+). */
export function OrderActions({
  orderId,
  orderNumber,
  status,
  editHref,
  inBatch,
}: {
  orderId: string
  orderNumber: string
  status: OrderStatus
  editHref: string
  inBatch: string | null
}) {
  const [cancelling, setCancelling] = useState(false)
  const [holding, setHolding] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, start] = useTransition()
  const changes = MANUAL_STATUS_CHANGES[status] ?? []
  const cancellable = !['shipped', 'delivered', 'cancelled'].includes(status)

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        {status !== 'cancelled' ? (
          <Link href={editHref} className={buttonClasses({ variant: 'secondary' })}>
            Edit
          </Link>
        ) : null}
        {changes.map((c) => (
          <Button
            key={c.to}
            variant="secondary"
            pending={busy}
            onClick={() =>
              // a hold asks why first (the database requires it); the other changes are one tap
              c.to === 'on_hold'
                ? setHolding(true)
                : start(async () => {
                    setError(null)
                    const r = await changeOrderStatus({ orderId, status: c.to, clientId: newClientId() })
                    if (!r.ok) setError(r.message)
                  })
            }
          >
            {c.label}
          </Button>
        ))}
        {cancellable ? (
          <Button variant="ghost" className="text-red-600! dark:text-red-400!" onClick={() => setCancelling(true)}>
            Cancel order
          </Button>
        ) : null}
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Dialog
        open={holding}
        onClose={() => setHolding(false)}
        title={`Put ${orderNumber} on hold?`}
        description="It waits, out of batching, until someone releases it."
      >
        <HoldForm orderId={orderId} onClose={() => setHolding(false)} />
      </Dialog>
      <Dialog
        open={cancelling}
        onClose={() => setCancelling(false)}
        title={`Cancel ${orderNumber}?`}
        description={
          inBatch
            ? `It leaves batch ${inBatch}. Cancelled is final: the order cannot be reopened.`
            : 'Cancelled is final: the order cannot be reopened.'
        }
      >
        <CancelForm orderId={orderId} onClose={() => setCancelling(false)} />
      </Dialog>
    </div>
  )
}

type HoldIn = z.input<typeof ChangeStatusInput>
type HoldOut = z.output<typeof ChangeStatusInput>

function HoldForm({ orderId, onClose }: { orderId: string; onClose: () => void }) {
  const form = useForm<HoldIn, unknown, HoldOut>({
    resolver: zodResolver(ChangeStatusInput),
    defaultValues: { orderId, status: 'on_hold', reason: '', clientId: newClientId() },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async (input) => {
    const r = await changeOrderStatus(input)
    if (!r.ok) return showFailure(form, r)
    onClose()
  })
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <FormField
        id="hold-reason"
        label="Why is it on hold?"
        error={errors.reason?.message}
        hint="Kept in the order's history"
      >
        {(control) => <Textarea {...control} rows={3} autoFocus {...form.register('reason')} />}
      </FormField>
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          Keep it going
        </Button>
        <Button type="submit" pending={isSubmitting}>
          Put on hold
        </Button>
      </div>
    </form>
  )
}

type In = z.input<typeof CancelOrderInput>
type Out = z.output<typeof CancelOrderInput>

function CancelForm({ orderId, onClose }: { orderId: string; onClose: () => void }) {
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(CancelOrderInput),
    defaultValues: { orderId, reason: '', clientId: newClientId() },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async () => {
    const r = await cancelOrder(form.getValues())
    if (!r.ok) return showFailure(form, r)
    onClose()
  })
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <FormField id="cancel-reason" label="Reason" error={errors.reason?.message} hint="Kept in the order's history">
        {(control) => <Textarea {...control} rows={3} autoFocus {...form.register('reason')} />}
      </FormField>
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          Keep the order
        </Button>
        <Button type="submit" variant="danger" pending={isSubmitting}>
          Cancel order
        </Button>
      </div>
    </form>
  )
}
