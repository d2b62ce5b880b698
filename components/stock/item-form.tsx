'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Select } from '@/components/common/select'
import { Button, buttonClasses, Input } from '@/components/ui'
import { saveItem } from '@/lib/stock/actions'
import { ItemInput } from '@/lib/stock/schema'

type Values = z.input<typeof ItemInput>
export interface EditableItem {
  id: string
  code: string
  barcode: string | null
  name: string
  category: string
  unit: string
  unit_cost: number
  abc_class: string
  is_active: boolean
}

/**
 * Adds a stock item or edits one (managers+; the database's RLS decides, and its refusals — a code
 * or barcode another item has, a value its checks refuse — come back under their fields). Stock
 * itself never changes here: on-hand only moves through the ledger.
 */
export function ItemForm({
  orgId,
  slug,
  item,
  categories,
}: {
  orgId: string
  slug: string
  item: EditableItem | null
  categories: string[]
}) {
  const router = useRouter()
  const [done, setDone] = useState<string | null>(null)
  const blank: Values = {
    orgId,
    code: '',
    barcode: '',
    name: '',
    category: '',
    unit: 'pcs',
    unitCost: 0,
    abcClass: 'C',
    isActive: true,
  }
  const form = useForm<Values, unknown, z.output<typeof ItemInput>>({
    resolver: zodResolver(ItemInput),
    defaultValues: item
      ? {
          orgId,
          id: item.id,
          code: item.code,
          barcode: item.barcode ?? '',
          name: item.name,
          category: item.category,
          unit: item.unit,
          unitCost: Number(item.unit_cost),
          abcClass: item.abc_class as 'A' | 'B' | 'C',
          isActive: item.is_active,
        }
      : blank,
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async (values) => {
    setDone(null)
    const r = await saveItem(values)
    if (!r.ok) return showFailure(form, r)
    if (item) {
      router.push(`/${slug}/stock?item=${item.id}#ledger`)
    } else {
      setDone(`${values.code} added`)
      form.reset(blank)
    }
    router.refresh()
  })
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-3"
      aria-label={item ? `Edit ${item.code}` : 'Add an item'}
    >
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField id="item-code" label="Code" error={errors.code?.message} hint="Printed on its label">
          {(control) => <Input {...control} autoComplete="off" {...form.register('code')} />}
        </FormField>
        <FormField id="item-name" label="Name" error={errors.name?.message}>
          {(control) => <Input {...control} {...form.register('name')} />}
        </FormField>
        <FormField id="item-barcode" label="Barcode (optional)" error={errors.barcode?.message}>
          {(control) => <Input {...control} autoComplete="off" {...form.register('barcode')} />}
        </FormField>
        <FormField id="item-category" label="Category" error={errors.category?.message}>
          {(control) => <Input {...control} list="item-categories" {...form.register('category')} />}
        </FormField>
        <FormField id="item-unit" label="Counting unit" error={errors.unit?.message} hint="pcs, m, kg, roll…">
          {(control) => <Input {...control} {...form.register('unit')} />}
        </FormField>
        <FormField id="item-cost" label="Unit cost" error={errors.unitCost?.message}>
          {(control) => <Input {...control} inputMode="decimal" {...form.register('unitCost')} />}
        </FormField>
        <FormField
          id="item-class"
          label="ABC class"
          error={errors.abcClass?.message}
          hint="For cycle counts: A counted most often"
        >
          {(control) => (
            <Select {...control} {...form.register('abcClass')}>
              <option value="A">A</option>
              <option value="B">B</option>
              <option value="C">C</option>
            </Select>
          )}
        </FormField>
        <label className="flex min-h-12 items-center gap-2 self-end text-sm">
          <input type="checkbox" className="h-5 w-5" {...form.register('isActive')} /> Active (offered for movements and
          counts)
        </label>
      </div>
      <datalist id="item-categories">
        {categories.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <div className="flex justify-end gap-2">
        {item ? (
          <Link href={`/${slug}/stock`} className={buttonClasses({ variant: 'ghost' })}>
            Cancel
          </Link>
        ) : null}
        <Button type="submit" pending={isSubmitting}>
          {item ? 'Save item' : 'Add item'}
        </Button>
      </div>
    </form>
  )
}
