'use client'
import { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { Button } from '@/components/ui'
import { ActionData } from '@/lib/floor/schemas'
import { type ActionFormProps, useActionForm } from './use-action-form'

const Fields = z.object({ data: z.object({ checklist: ActionData.shape.checklist.unwrap() }) })

/** The stage's checklist, ticked item by item; the database says which required ones are missing. */
export function InspectionForm({ action, onSubmit }: ActionFormProps) {
  const items = action.checklist ?? []
  const { form, submit } = useActionForm(
    Fields,
    { data: { checklist: items.map((i) => ({ key: i.key, completed: false })) } },
    onSubmit,
  )
  const { errors, isSubmitting } = form.formState
  return (
    <form className="flex flex-col gap-3" onSubmit={submit} noValidate>
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      {items.length === 0 ? <p>This inspection has no checklist items.</p> : null}
      <ul className="flex max-h-[50dvh] flex-col gap-2 overflow-y-auto">
        {items.map((i, n) => (
          <li key={i.key}>
            <label className="flex min-h-12 cursor-pointer items-center gap-3 rounded-xl border border-zinc-200 px-3 text-lg dark:border-zinc-700">
              <input
                type="checkbox"
                className="size-6 accent-brand-600"
                {...form.register(`data.checklist.${n}.completed`)}
              />
              <span className="flex-1">{i.label}</span>
              {i.required ? null : <span className="text-sm text-zinc-500 dark:text-zinc-400">optional</span>}
            </label>
          </li>
        ))}
      </ul>
      {errors.data?.checklist?.message ? <Alert tone="error">{errors.data.checklist.message}</Alert> : null}
      <div className="flex gap-3">
        <Button
          size="touch"
          variant="secondary"
          onClick={() => {
            for (let n = 0; n < items.length; n++) form.setValue(`data.checklist.${n}.completed`, true)
          }}
        >
          Tick all
        </Button>
        <Button type="submit" size="touch" className="flex-1 text-lg" pending={isSubmitting}>
          Save inspection
        </Button>
      </div>
    </form>
  )
}
