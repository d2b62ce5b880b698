'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { Dialog } from '@/components/common/dialog'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Button, Input } from '@/components/ui'
import { copyWorkflow } from '@/lib/workflows/actions'
import { CopyTypeInput } from '@/lib/workflows/schema'

type In = z.input<typeof CopyTypeInput>

/** Copy a system type into the organisation (system types are read-only), then open the copy to edit. */
export function CopyTypeButton({
  slug,
  orgId,
  source,
}: {
  slug: string
  orgId: string
  source: { id: string; type_code: string; type_name: string }
}) {
  const [open, setOpen] = useState(false)
  const router = useRouter()
  const form = useForm<In, unknown, z.output<typeof CopyTypeInput>>({
    resolver: zodResolver(CopyTypeInput),
    defaultValues: {
      orgId,
      sourceId: source.id,
      typeCode: `${source.type_code}-own`.slice(0, 32),
      typeName: `${source.type_name} (our own)`.slice(0, 100),
    },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async () => {
    const result = await copyWorkflow(form.getValues())
    if (!result.ok) return showFailure(form, result)
    setOpen(false)
    router.push(`/${slug}/settings/workflows/${result.data.id}`)
  })
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} aria-label={`Copy ${source.type_name}`}>
        Copy
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Copy ${source.type_name}`}
        description="The copy belongs to your workshop: change its states, transitions and fields as you need."
      >
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label={`Copy ${source.type_name}`}>
          {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
          <FormField id="copy-name" label="Name of the copy" error={errors.typeName?.message}>
            {(c) => <Input {...c} autoComplete="off" {...form.register('typeName')} />}
          </FormField>
          <FormField id="copy-code" label="Code of the copy" error={errors.typeCode?.message}>
            {(c) => <Input {...c} autoComplete="off" className="font-mono" {...form.register('typeCode')} />}
          </FormField>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={isSubmitting}>
              Copy and edit
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  )
}
