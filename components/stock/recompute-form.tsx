'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Button, Input } from '@/components/ui'
import { recomputeAnalytics } from '@/lib/stock/actions'
import { RecomputeInput } from '@/lib/stock/schema'

type Values = z.input<typeof RecomputeInput>

/**
 * Recomputes the variance analytics of a date range from the posted counts (managers+:
 * variance_analytics_recompute, idempotent: the same range twice gives the same rows).
 */
export function RecomputeForm({ orgId, from, to }: { orgId: string; from: string; to: string }) {
  const router = useRouter()
  const [done, setDone] = useState<string | null>(null)
  const form = useForm<Values, unknown, z.output<typeof RecomputeInput>>({
    resolver: zodResolver(RecomputeInput),
    defaultValues: { orgId, from, to },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async (values) => {
    setDone(null)
    const r = await recomputeAnalytics(values)
    if (!r.ok) return showFailure(form, r)
    setDone(`Recomputed: ${r.data.rows} period${r.data.rows === 1 ? '' : 's'} from the posted counts`)
    router.refresh()
  })
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-2" aria-label="Recompute the analytics">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <div className="flex flex-wrap items-end gap-2">
        <FormField id="rc-from" label="Recompute from" error={errors.from?.message}>
          {(control) => <Input {...control} type="date" {...form.register('from')} />}
        </FormField>
        <FormField id="rc-to" label="to" error={errors.to?.message}>
          {(control) => <Input {...control} type="date" {...form.register('to')} />}
        </FormField>
        <Button type="submit" variant="secondary" pending={isSubmitting}>
          Recompute
        </Button>
      </div>
    </form>
  )
}
