'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Pill } from '@/components/common/pill'
import { Select } from '@/components/common/select'
import { Switch } from '@/components/common/switch'
import { Textarea } from '@/components/common/textarea'
import { Button, Card, CardContent, CardHeader, CardTitle, Input } from '@/components/ui'
import { cn } from '@/lib/cn'
import { saveTemplate } from '@/lib/sms/actions'
import type { SmsTemplate } from '@/lib/sms/queries'
import { TemplateFormInput, type TemplateFormValues } from '@/lib/sms/schema'
import { checkTemplate, fillTemplate, parseTemplate } from '@/lib/sms/template'
import { Constants } from '@/types/database'
import { TextPreview } from './text-preview'

type Out = z.output<typeof TemplateFormInput>

const SAMPLE: Record<string, string> = {
  NAME: 'Ada',
  ORDER_NUMBER: '#1001',
  TRACKING_LINK: 'https://floorline.example/track/AbC123',
  STATUS: 'Shipped',
  WORKSHOP: 'Aurora Audio',
  TICKET_NUMBER: 'A-12',
  COUNTER: 'counter 2',
}

const STATUS_LABEL: Record<string, string> = {
  pending: 'Order received',
  in_production: 'In production',
  quality_check: 'Quality check',
  ready_to_ship: 'Ready to ship',
  shipped: 'Shipped',
  delivered: 'Delivered',
  on_hold: 'On hold',
  cancelled: 'Cancelled',
}

const valuesOf = (orgId: string, t?: SmsTemplate): TemplateFormValues => ({
  orgId,
  id: t?.id,
  name: t?.name ?? '',
  description: t?.description ?? '',
  body: t?.body ?? '',
  variables: (t?.variables ?? []).join(', '),
  orderStatus: t?.order_status ?? '',
  isActive: t?.is_active ?? true,
})

/**
 * Templates: the list (usage kept by the database), and the editor with a live preview on sample
 * values and the variable check both ways as you type (lib/sms/template.ts explains; the database
 * decides on save, and its refusals — a taken name, an undeclared placeholder — land under the field).
 */
export function TemplateEditor({ orgId, templates }: { orgId: string; templates: SmsTemplate[] }) {
  const router = useRouter()
  const [selected, setSelected] = useState<string | null>(templates[0]?.id ?? null)
  const [saved, setSaved] = useState(false)
  const form = useForm<TemplateFormValues, unknown, Out>({
    resolver: zodResolver(TemplateFormInput),
    defaultValues: valuesOf(
      orgId,
      templates.find((t) => t.id === selected),
    ),
  })
  const { errors, isSubmitting } = form.formState
  const body = form.watch('body')
  const declared = form
    .watch('variables')
    .split(/[\s,]+/)
    .filter(Boolean)
  const problems = checkTemplate(body, declared)
  const sample = Object.fromEntries(declared.map((v) => [v, SAMPLE[v] ?? v.toLowerCase()]))

  const pick = (t?: SmsTemplate) => {
    setSelected(t?.id ?? null)
    setSaved(false)
    form.reset(valuesOf(orgId, t))
  }

  const onSubmit = form.handleSubmit(async () => {
    setSaved(false)
    const result = await saveTemplate(form.getValues())
    if (!result.ok) return showFailure(form, result)
    setSelected(result.data.id)
    form.setValue('id', result.data.id)
    setSaved(true)
    router.refresh()
  })

  return (
    <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
      <Card>
        <CardHeader>
          <CardTitle>Templates</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-1 p-2">
          <ul className="flex flex-col gap-1" aria-label="Templates">
            {templates.map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  onClick={() => pick(t)}
                  aria-current={t.id === selected ? 'true' : undefined}
                  className={cn(
                    'flex w-full flex-col items-start rounded-md px-3 py-2 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800',
                    t.id === selected && 'bg-zinc-100 dark:bg-zinc-800',
                  )}
                >
                  <span className="font-medium">{t.name}</span>
                  <span className="text-xs text-zinc-600 dark:text-zinc-400">
                    used {t.usage_count}×{t.order_status ? ` · automatic: ${STATUS_LABEL[t.order_status]}` : ''}
                    {t.is_active ? '' : ' · off'}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <Button type="button" variant="secondary" size="sm" className="mt-2" onClick={() => pick()}>
            New template
          </Button>
        </CardContent>
      </Card>

      <form onSubmit={onSubmit} noValidate aria-label="Edit template" className="flex flex-col gap-4">
        {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
        {saved ? <Alert tone="success">Template saved.</Alert> : null}
        <Card>
          <CardContent className="grid gap-4 pt-6 sm:grid-cols-2">
            <FormField id="tpl-name" label="Name" error={errors.name?.message}>
              {(control) => <Input {...control} autoComplete="off" {...form.register('name')} />}
            </FormField>
            <FormField id="tpl-description" label="Description" error={errors.description?.message}>
              {(control) => <Input {...control} autoComplete="off" {...form.register('description')} />}
            </FormField>
            <div className="sm:col-span-2">
              <FormField
                id="tpl-body"
                label="Message"
                hint="Placeholders in braces: {NAME}, {ORDER_NUMBER} …"
                error={errors.body?.message}
              >
                {(control) => <Textarea {...control} rows={4} {...form.register('body')} />}
              </FormField>
            </div>
            <FormField
              id="tpl-variables"
              label="Declared variables"
              hint="Comma-separated; every placeholder declared, every declared one used"
              error={errors.variables?.message}
            >
              {(control) => (
                <Input {...control} autoComplete="off" className="font-mono" {...form.register('variables')} />
              )}
            </FormField>
            <FormField
              id="tpl-status"
              label="Automatic text for orders reaching"
              hint="Sent only when automatic texts are on for that status and the customer opted in"
              error={errors.orderStatus?.message}
            >
              {(control) => (
                <Select {...control} {...form.register('orderStatus')}>
                  <option value="">— not automatic —</option>
                  {Constants.public.Enums.order_status.map((s) => (
                    <option key={s} value={s}>
                      {STATUS_LABEL[s]}
                    </option>
                  ))}
                </Select>
              )}
            </FormField>
            <div className="flex items-center gap-3">
              <Switch
                id="tpl-active"
                checked={form.watch('isActive')}
                onCheckedChange={(v) => form.setValue('isActive', v, { shouldDirty: true })}
                aria-label="Template on"
              />
              <label htmlFor="tpl-active" className="text-sm">
                On (can be chosen when sending)
              </label>
            </div>
            <div className="flex items-end">
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={() => form.setValue('variables', parseTemplate(body).placeholders.join(', '))}
              >
                Declare the placeholders used
              </Button>
            </div>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Preview with sample values</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            <TextPreview text={fillTemplate(body, sample)} />
            {problems.length ? (
              <ul className="flex flex-col gap-1" aria-label="Variable problems" data-testid="template-problems">
                {problems.map((p) => (
                  <li key={`${p.code}:${p.name}`} className="flex items-center gap-2 text-sm">
                    <Pill tone="amber">{p.code.toLowerCase()}</Pill> {p.message}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-emerald-700 dark:text-emerald-300">Placeholders and variables agree.</p>
            )}
          </CardContent>
        </Card>
        <div>
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : 'Save template'}
          </Button>
        </div>
      </form>
    </div>
  )
}
