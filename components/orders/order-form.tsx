'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { type UseFormReturn, useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Select } from '@/components/common/select'
import { Textarea } from '@/components/common/textarea'
import { Button, buttonClasses, Card, CardContent, CardHeader, CardTitle, Input } from '@/components/ui'
import { PRIORITIES, PRIORITY_LABEL } from '@/lib/batches/labels'
import { newClientId } from '@/lib/client-id'
import type { ModelOption } from '@/lib/models/queries'
import { type CreatedOrder, createOrder, updateOrder } from '@/lib/orders/actions'
import { money } from '@/lib/orders/format'
import { CreateOrderInput, UpdateOrderInput } from '@/lib/orders/schema'
import { TrackingLinkPanel } from './tracking-link'

type CreateIn = z.input<typeof CreateOrderInput>
type CreateOut = z.output<typeof CreateOrderInput>
type UpdateIn = z.input<typeof UpdateOrderInput>
type UpdateOut = z.output<typeof UpdateOrderInput>

/** The fields both forms share, typed loosely enough to render either. */
type Shared = Pick<
  CreateIn,
  'modelId' | 'woodType' | 'priority' | 'dueDate' | 'price' | 'notes' | 'internalNotes' | 'customizations'
>

/** A new order: customer, model and an allowed wood, priority and dates. Managers+. */
export function NewOrderForm({
  orgId,
  slug,
  models,
  currency,
}: {
  orgId: string
  slug: string
  models: ModelOption[]
  currency: string
}) {
  const [created, setCreated] = useState<CreatedOrder | null>(null)
  const blank: CreateIn = {
    orgId,
    modelId: '',
    woodType: '' as CreateIn['woodType'],
    priority: 'standard',
    dueDate: '',
    price: '',
    notes: '',
    internalNotes: '',
    customizations: '',
    customerName: '',
    customerEmail: '',
    customerPhone: '',
    clientId: newClientId(),
  }
  const form = useForm<CreateIn, unknown, CreateOut>({ resolver: zodResolver(CreateOrderInput), defaultValues: blank })
  const { errors, isSubmitting } = form.formState

  const onSubmit = form.handleSubmit(async () => {
    const result = await createOrder(form.getValues())
    if (!result.ok) return showFailure(form, result)
    setCreated(result.data)
  })

  if (created) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>Order {created.order.order_number} created</CardTitle>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {created.order.model_name} in {created.order.wood_type} for {created.order.customer?.name}. It waits as
            pending until it joins a batch.
          </p>
        </CardHeader>
        <CardContent className="flex flex-col gap-5">
          {created.link ? <TrackingLinkPanel link={created.link} /> : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Button
              variant="ghost"
              onClick={() => {
                form.reset({ ...blank, clientId: newClientId() })
                setCreated(null)
              }}
            >
              Create another
            </Button>
            <Link href={`/${slug}/orders/${created.order.id}`} className={buttonClasses()}>
              View order
            </Link>
          </div>
        </CardContent>
      </Card>
    )
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <Card>
        <CardHeader>
          <CardTitle>Customer</CardTitle>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Matched by email: an existing customer is reused.</p>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField id="order-customer-name" label="Name" error={errors.customerName?.message}>
            {(control) => <Input {...control} autoComplete="off" {...form.register('customerName')} />}
          </FormField>
          <FormField id="order-customer-email" label="Email" error={errors.customerEmail?.message}>
            {(control) => (
              <Input
                {...control}
                type="email"
                inputMode="email"
                autoComplete="off"
                {...form.register('customerEmail')}
              />
            )}
          </FormField>
          <FormField id="order-customer-phone" label="Phone (optional)" error={errors.customerPhone?.message}>
            {(control) => <Input {...control} type="tel" autoComplete="off" {...form.register('customerPhone')} />}
          </FormField>
        </CardContent>
      </Card>
      <OrderFields
        form={form as unknown as UseFormReturn<Shared>}
        models={models}
        currency={currency}
        canChangeModel
        addModelHref={`/${slug}/models/new`}
      />
      <div className="flex justify-end gap-2">
        <Link href={`/${slug}/orders`} className={buttonClasses({ variant: 'ghost' })}>
          Cancel
        </Link>
        <Button type="submit" pending={isSubmitting}>
          Create order
        </Button>
      </div>
    </form>
  )
}

/** Editing an order; model and wood are fixed once it is in production (the database says so too). */
export function EditOrderForm({
  slug,
  models,
  currency,
  values,
  canChangeModel,
}: {
  slug: string
  models: ModelOption[]
  currency: string
  values: Omit<UpdateIn, 'clientId'>
  canChangeModel: boolean
}) {
  const router = useRouter()
  const form = useForm<UpdateIn, unknown, UpdateOut>({
    resolver: zodResolver(UpdateOrderInput),
    defaultValues: { ...values, clientId: newClientId() },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async () => {
    const result = await updateOrder(form.getValues())
    if (!result.ok) return showFailure(form, result)
    router.push(`/${slug}/orders/${values.orderId}`)
  })
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <OrderFields
        form={form as unknown as UseFormReturn<Shared>}
        models={models}
        currency={currency}
        canChangeModel={canChangeModel}
      />
      <div className="flex justify-end gap-2">
        <Link href={`/${slug}/orders/${values.orderId}`} className={buttonClasses({ variant: 'ghost' })}>
          Cancel
        </Link>
        <Button type="submit" pending={isSubmitting}>
          Save changes
        </Button>
      </div>
    </form>
  )
}

function OrderFields({
  form,
  models,
  currency,
  canChangeModel,
  addModelHref,
}: {
  form: UseFormReturn<Shared>
  models: ModelOption[]
  currency: string
  canChangeModel: boolean
  /** Creating an order (managers+): a model missing from the picker is one link away. */
  addModelHref?: string
}) {
  const { errors } = form.formState
  const modelId = form.watch('modelId')
  const model = models.find((m) => m.id === modelId)
  const woods = model?.woods ?? []

  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle>Headphones</CardTitle>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {canChangeModel
              ? 'Each model is made in its own woods.'
              : 'In production: model and wood can no longer change.'}
          </p>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField
            id="order-model"
            label="Model"
            error={errors.modelId?.message}
            hint={addModelHref ? <Link href={addModelHref}>Add a model…</Link> : undefined}
          >
            {(control) => (
              <Select
                {...control}
                disabled={!canChangeModel}
                {...form.register('modelId', {
                  onChange: (e) => {
                    const next = models.find((m) => m.id === e.target.value)
                    // keep the wood only if the new model is made in it
                    if (!next?.woods.includes(form.getValues('woodType'))) {
                      form.setValue('woodType', '' as Shared['woodType'])
                    }
                  },
                })}
              >
                <option value="" disabled>
                  Pick a model
                </option>
                {models.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name} · {money(m.price, currency)}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <FormField
            id="order-wood"
            label="Wood"
            error={errors.woodType?.message}
            hint={model ? `${model.name}: ${woods.join(', ')}` : 'Pick a model first'}
          >
            {(control) => (
              <Select {...control} disabled={!canChangeModel || !model} {...form.register('woodType')}>
                <option value="" disabled>
                  Pick a wood
                </option>
                {woods.map((w) => (
                  <option key={w} value={w}>
                    {w}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <FormField
            id="order-customizations"
            label="Customizations (optional)"
            error={errors.customizations?.message}
            hint='One per line, e.g. "Engraving: For Mia"'
          >
            {(control) => <Textarea {...control} rows={3} {...form.register('customizations')} />}
          </FormField>
          <FormField id="order-notes" label="Notes for the workshop (optional)" error={errors.notes?.message}>
            {(control) => <Textarea {...control} rows={3} {...form.register('notes')} />}
          </FormField>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Scheduling and price</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-3">
          <FormField id="order-priority" label="Priority" error={errors.priority?.message}>
            {(control) => (
              <Select {...control} {...form.register('priority')}>
                {[...PRIORITIES].reverse().map((p) => (
                  <option key={p} value={p}>
                    {PRIORITY_LABEL[p]}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <FormField id="order-due" label="Due date (optional)" error={errors.dueDate?.message}>
            {(control) => <Input {...control} type="date" {...form.register('dueDate')} />}
          </FormField>
          <FormField
            id="order-price"
            label={`Price (${currency})`}
            error={errors.price?.message}
            hint={model ? `Empty: list price ${money(model.price, currency)}` : 'Empty: the model’s list price'}
          >
            {(control) => (
              <Input
                {...control}
                inputMode="decimal"
                autoComplete="off"
                placeholder={model ? String(model.price) : ''}
                {...form.register('price')}
              />
            )}
          </FormField>
          <div className="sm:col-span-3">
            <FormField
              id="order-internal"
              label={
                <span className="flex items-center gap-2">
                  Internal notes
                  <span className="rounded bg-amber-100 px-1.5 py-px text-[0.65rem] font-semibold tracking-wide text-amber-800 uppercase dark:bg-amber-500/15 dark:text-amber-300">
                    Staff only
                  </span>
                </span>
              }
              error={errors.internalNotes?.message}
              hint="Supervisors and above see these; operators and the customer never do"
            >
              {(control) => <Textarea {...control} rows={2} {...form.register('internalNotes')} />}
            </FormField>
          </div>
        </CardContent>
      </Card>
    </>
  )
}
