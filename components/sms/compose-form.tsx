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
import { Textarea } from '@/components/common/textarea'
import { Button, Card, CardContent, CardHeader, CardTitle, Input } from '@/components/ui'
import { newClientId } from '@/lib/client-id'
import { sendText } from '@/lib/sms/actions'
import type { SmsCustomer, SmsTemplate } from '@/lib/sms/queries'
import { ComposeFormInput, type ComposeFormValues } from '@/lib/sms/schema'
import { fillTemplate, parseTemplate } from '@/lib/sms/template'
import { BulkSendProgress } from './bulk-progress'
import { TextPreview } from './text-preview'

type Out = z.output<typeof ComposeFormInput>

/**
 * Compose: to a customer, a number, or several customers; a template (its values asked for) or
 * free text; the preview shows the text, its encoding, parts and an estimate. Sending queues the
 * text (the log then shows it going out live).
 */
export function ComposeForm({
  orgId,
  slug,
  customers,
  templates,
}: {
  orgId: string
  slug: string
  customers: SmsCustomer[]
  templates: SmsTemplate[]
}) {
  const router = useRouter()
  const [done, setDone] = useState<string | null>(null)
  const [bulkId, setBulkId] = useState<string | null>(null)
  const form = useForm<ComposeFormValues, unknown, Out>({
    resolver: zodResolver(ComposeFormInput),
    defaultValues: {
      orgId,
      mode: 'customer',
      customerId: '',
      to: '',
      customerIds: [],
      templateId: '',
      body: '',
      values: {},
      clientId: newClientId(),
    },
  })
  const { errors, isSubmitting } = form.formState
  const mode = form.watch('mode')
  const templateId = form.watch('templateId')
  const body = form.watch('body')
  const values = form.watch('values')
  const customerIds = form.watch('customerIds')
  const template = templates.find((t) => t.id === templateId)
  const placeholders = template ? parseTemplate(template.body).placeholders : []
  const active = templates.filter((t) => t.is_active)
  const text = template ? fillTemplate(template.body, values) : body
  const recipients = mode === 'customers' ? customerIds.length : 1

  const onSubmit = form.handleSubmit(async () => {
    setDone(null)
    setBulkId(null)
    const v = form.getValues()
    // only the values the chosen template uses
    const used = Object.fromEntries(Object.entries(v.values).filter(([k]) => placeholders.includes(k)))
    const result = await sendText({ ...v, values: used })
    if (!result.ok) return showFailure(form, result)
    setDone(
      result.data.queued !== undefined
        ? `${result.data.queued} texts queued${result.data.skipped?.length ? `, ${result.data.skipped.length} skipped` : ''}.`
        : 'Text queued: follow it in the message log.',
    )
    setBulkId(result.data.bulk_id ?? null)
    form.reset({ ...v, body: '', values: {}, clientId: newClientId() })
    router.refresh()
  })

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Compose a text" className="flex flex-col gap-4">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      {done ? (
        <Alert tone="success">
          {done}{' '}
          <a className="underline" href={`/${slug}/sms?tab=log`}>
            Open the log
          </a>
        </Alert>
      ) : null}
      {bulkId ? <BulkSendProgress key={bulkId} orgId={orgId} bulkId={bulkId} /> : null}
      <Card>
        <CardHeader>
          <CardTitle>To</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField id="sms-mode" label="Send to">
            {(control) => (
              <Select {...control} {...form.register('mode')}>
                <option value="customer">A customer</option>
                <option value="number">A phone number</option>
                <option value="customers">Several customers</option>
              </Select>
            )}
          </FormField>
          {mode === 'customer' ? (
            <FormField id="sms-customer" label="Customer" error={errors.customerId?.message}>
              {(control) => (
                <Select {...control} {...form.register('customerId')}>
                  <option value="">Choose…</option>
                  {customers.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                      {c.phone ? ` — ${c.phone}` : ' — no number'}
                    </option>
                  ))}
                </Select>
              )}
            </FormField>
          ) : null}
          {mode === 'number' ? (
            <FormField
              id="sms-to"
              label="Phone number"
              hint="With + and the country code, or a local number of the workshop's country"
              error={errors.to?.message}
            >
              {(control) => <Input {...control} type="tel" autoComplete="off" {...form.register('to')} />}
            </FormField>
          ) : null}
          {mode === 'customers' ? (
            <FormField
              id="sms-customers"
              label="Customers"
              hint="Ctrl/⌘-click to choose several; those without a usable number are skipped"
              error={errors.customerIds?.message}
            >
              {(control) => (
                <Select {...control} multiple className="h-40" {...form.register('customerIds')}>
                  {customers.map((c) => (
                    <option key={c.id} value={c.id} disabled={!c.phone}>
                      {c.name}
                      {c.phone ? ` — ${c.phone}` : ' — no number'}
                    </option>
                  ))}
                </Select>
              )}
            </FormField>
          ) : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Message</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <FormField id="sms-template" label="Template" error={errors.templateId?.message}>
            {(control) => (
              <Select {...control} {...form.register('templateId')}>
                <option value="">Free text</option>
                {active.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          {template ? (
            <div className="grid gap-4 sm:grid-cols-2">
              {placeholders.map((name) => (
                <FormField
                  key={name}
                  id={`sms-value-${name}`}
                  label={`{${name}}`}
                  error={(errors.values as Record<string, { message?: string }> | undefined)?.[name]?.message}
                >
                  {(control) => <Input {...control} autoComplete="off" {...form.register(`values.${name}`)} />}
                </FormField>
              ))}
              {typeof errors.values?.message === 'string' ? <Alert tone="error">{errors.values.message}</Alert> : null}
            </div>
          ) : (
            <FormField id="sms-body" label="Text" error={errors.body?.message}>
              {(control) => <Textarea {...control} rows={4} {...form.register('body')} />}
            </FormField>
          )}
          <TextPreview text={text} recipients={recipients} />
        </CardContent>
      </Card>
      <div>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Queueing…' : recipients > 1 ? `Send ${recipients} texts` : 'Send text'}
        </Button>
      </div>
    </form>
  )
}
