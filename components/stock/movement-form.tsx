'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Select } from '@/components/common/select'
import { Button, Input } from '@/components/ui'
import { newClientId } from '@/lib/client-id'
import { formatNumber } from '@/lib/format'
import { recordMovement } from '@/lib/stock/actions'
import { MovementInput } from '@/lib/stock/schema'

type Values = z.input<typeof MovementInput>

/**
 * Receipts, issues to production and adjustments (supervisors+): each one a ledger row; on-hand
 * follows by trigger, and an issue beyond what is there is refused by the database.
 */
export function MovementForm({
  orgId,
  items,
  locations,
  reasons,
}: {
  orgId: string
  items: { id: string; code: string; name: string; unit: string }[]
  locations: { id: string; name: string }[]
  reasons: { code: string; label: string }[]
}) {
  const router = useRouter()
  const [done, setDone] = useState<string | null>(null)
  const form = useForm<Values, unknown, z.output<typeof MovementInput>>({
    resolver: zodResolver(MovementInput),
    defaultValues: {
      orgId,
      clientId: newClientId(),
      kind: 'receipt',
      stockItemId: items[0]?.id ?? '',
      locationId: locations[0]?.id ?? '',
      quantity: '' as unknown as number,
      reasonCode: '',
      note: '',
    },
  })
  const { errors, isSubmitting } = form.formState
  const kind = form.watch('kind')
  const onSubmit = form.handleSubmit(async (values) => {
    setDone(null)
    const r = await recordMovement(values)
    if (!r.ok) return showFailure(form, r)
    const item = items.find((i) => i.id === values.stockItemId)
    setDone(`Recorded. On hand now: ${formatNumber(Number(r.data.onHand ?? 0))} ${item?.unit ?? ''}`)
    form.reset({ ...values, clientId: newClientId(), quantity: '' as unknown as number, note: '' })
    router.refresh()
  })
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label="Record a movement">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField id="mv-kind" label="Movement" error={errors.kind?.message}>
          {(control) => (
            <Select {...control} {...form.register('kind')}>
              <option value="receipt">Receipt</option>
              <option value="issue">Issue to production</option>
              <option value="adjustment">Adjustment (±)</option>
            </Select>
          )}
        </FormField>
        <FormField id="mv-item" label="Item" error={errors.stockItemId?.message}>
          {(control) => (
            <Select {...control} {...form.register('stockItemId')}>
              {items.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.code} · {i.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField id="mv-location" label="Location" error={errors.locationId?.message}>
          {(control) => (
            <Select {...control} {...form.register('locationId')}>
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField
          id="mv-quantity"
          label="Quantity"
          error={errors.quantity?.message}
          hint={kind === 'adjustment' ? 'Negative to take stock off' : undefined}
        >
          {(control) => <Input {...control} inputMode="decimal" {...form.register('quantity')} />}
        </FormField>
        <FormField
          id="mv-reason"
          label={kind === 'adjustment' ? 'Reason' : 'Reason (optional)'}
          error={errors.reasonCode?.message}
        >
          {(control) => (
            <Select {...control} {...form.register('reasonCode')}>
              <option value="">—</option>
              {reasons.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.label}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField id="mv-note" label="Note (optional)" error={errors.note?.message}>
          {(control) => <Input {...control} {...form.register('note')} />}
        </FormField>
      </div>
      <div className="flex justify-end">
        <Button type="submit" pending={isSubmitting}>
          Record
        </Button>
      </div>
    </form>
  )
}
