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
import { createLay } from '@/lib/cutting/actions'
import type { CutOrderRow } from '@/lib/cutting/queries'
import { NewLayInput } from '@/lib/cutting/schema'

/** Plan a lay for an open cut order: fabric, colour, shade, marker, plies, size ratio, bundle size. */
export function NewLayForm({ cutOrders }: { cutOrders: CutOrderRow[] }) {
  const router = useRouter()
  const [made, setMade] = useState<string | null>(null)
  const first = cutOrders[0]
  const form = useForm<z.input<typeof NewLayInput>, unknown, z.output<typeof NewLayInput>>({
    resolver: zodResolver(NewLayInput),
    defaultValues: {
      cutOrderId: first?.id ?? '',
      fabric: first?.styles?.default_fabric ?? '',
      colour: '',
      shade: 'A',
      markerLengthM: '',
      plies: '',
      sizeRatio: 'S:1, M:2, L:2, XL:1',
      bundleSize: 20,
    },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async (values) => {
    setMade(null)
    const result = await createLay(values)
    if (!result.ok) return showFailure(form, result)
    setMade(`Lay L-${result.data.lay_number} planned: ${result.data.planned_units} pieces.`)
    form.reset({ ...values, colour: '', plies: '', markerLengthM: '' })
    router.refresh()
  })
  if (!cutOrders.length) return <p className="text-zinc-600 dark:text-zinc-400">No open cut order to plan a lay for.</p>
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      {made ? <Alert tone="success">{made}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <FormField id="lay-cut-order" label="Cut order" error={errors.cutOrderId?.message}>
          {(control) => (
            <Select {...control} {...form.register('cutOrderId')}>
              {cutOrders.map((c) => (
                <option key={c.id} value={c.id}>
                  CO-{c.cut_order_number} · {c.styles?.code}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField id="lay-fabric" label="Fabric" error={errors.fabric?.message}>
          {(control) => <Input {...control} {...form.register('fabric')} />}
        </FormField>
        <FormField id="lay-colour" label="Colour" error={errors.colour?.message}>
          {(control) => <Input {...control} {...form.register('colour')} />}
        </FormField>
        <FormField id="lay-shade" label="Shade" error={errors.shade?.message}>
          {(control) => <Input {...control} {...form.register('shade')} />}
        </FormField>
        <FormField id="lay-marker" label="Marker length (m)" error={errors.markerLengthM?.message}>
          {(control) => <Input {...control} inputMode="decimal" {...form.register('markerLengthM')} />}
        </FormField>
        <FormField id="lay-plies" label="Plies" error={errors.plies?.message}>
          {(control) => <Input {...control} inputMode="numeric" {...form.register('plies')} />}
        </FormField>
        <FormField
          id="lay-ratio"
          label="Size ratio"
          hint="Pieces of each size per ply"
          error={errors.sizeRatio?.message}
        >
          {(control) => <Input {...control} {...form.register('sizeRatio')} />}
        </FormField>
        <FormField id="lay-bundle-size" label="Pieces per bundle" error={errors.bundleSize?.message}>
          {(control) => <Input {...control} inputMode="numeric" {...form.register('bundleSize')} />}
        </FormField>
      </div>
      <div className="flex justify-end">
        <Button type="submit" pending={isSubmitting}>
          Plan lay
        </Button>
      </div>
    </form>
  )
}
