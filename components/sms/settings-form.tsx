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
import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle, Input } from '@/components/ui'
import { saveSmsSettings, sendTestText } from '@/lib/sms/actions'
import type { SmsProviderName, SmsSettings } from '@/lib/sms/queries'
import { SettingsFormInput, type SettingsFormValues } from '@/lib/sms/schema'
import { Constants } from '@/types/database'
import { ProviderCredentials } from './provider-credentials'

type Out = z.output<typeof SettingsFormInput>
const NAMES: Record<SmsProviderName, string> = { semaphore: 'Semaphore', twilio: 'Twilio', movider: 'Movider' }
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

const DEFAULT_RATE: Record<SmsProviderName, number> = { semaphore: 120, twilio: 60, movider: 60 }

/** The stored {provider: per minute} for the form; a provider missing from it shows the database's default (app.sms_take_slot). */
function bulkRatesOf(stored: unknown): Record<SmsProviderName, number> {
  const given = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {}
  return Object.fromEntries(
    Constants.public.Enums.sms_provider.map((p) => [p, typeof given[p] === 'number' ? given[p] : DEFAULT_RATE[p]]),
  ) as Record<SmsProviderName, number>
}

/**
 * Providers and settings: SMS on/off, failover order (only providers with credentials are used;
 * admins store those), the default country for numbers typed without +, which order statuses text
 * the customer (off by default; only customers who opted in), and a test send.
 */
export function SettingsForm({ settings, canAdmin }: { settings: SmsSettings; canAdmin: boolean }) {
  const router = useRouter()
  const [saved, setSaved] = useState(false)
  const form = useForm<SettingsFormValues, unknown, Out>({
    resolver: zodResolver(SettingsFormInput),
    defaultValues: {
      orgId: settings.org_id,
      enabled: settings.enabled,
      providerOrder: settings.provider_order,
      defaultCountry: settings.default_country,
      autoStatuses: settings.auto_statuses,
      linkBaseUrl: settings.link_base_url ?? '',
      bulkRates: bulkRatesOf(settings.bulk_rates),
    },
  })
  const { errors, isSubmitting } = form.formState
  const order = form.watch('providerOrder')
  const auto = form.watch('autoStatuses')
  const unused = Constants.public.Enums.sms_provider.filter((p) => !order.includes(p))

  const move = (i: number, by: number) => {
    const next = [...order]
    const [p] = next.splice(i, 1)
    next.splice(i + by, 0, p)
    form.setValue('providerOrder', next, { shouldDirty: true })
  }

  const onSubmit = form.handleSubmit(async () => {
    setSaved(false)
    const result = await saveSmsSettings(form.getValues())
    if (!result.ok) return showFailure(form, result)
    setSaved(true)
    router.refresh()
  })

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={onSubmit} noValidate aria-label="SMS settings" className="flex flex-col gap-4">
        {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
        {saved ? <Alert tone="success">Settings saved.</Alert> : null}
        <Card>
          <CardHeader>
            <CardTitle>Providers</CardTitle>
            <CardDescription>
              Tried in this order; a timeout, server error or rate limit moves to the next.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <div className="flex items-center gap-3">
              <Switch
                id="sms-enabled"
                checked={form.watch('enabled')}
                onCheckedChange={(v) => form.setValue('enabled', v, { shouldDirty: true })}
                aria-label="Texts on"
              />
              <label htmlFor="sms-enabled" className="text-sm">
                Texts on for this workshop
              </label>
            </div>
            <ol className="flex flex-col gap-2" aria-label="Failover order">
              {order.map((p, i) => (
                <li key={p} className="flex items-center gap-2 text-sm">
                  <span className="w-6 text-zinc-600 dark:text-zinc-400">{i + 1}.</span>
                  <span className="w-28 font-medium">{NAMES[p]}</span>
                  {settings.configured_providers.includes(p) ? (
                    <Pill tone="green">credentials stored</Pill>
                  ) : (
                    <Pill tone="amber">no credentials: skipped</Pill>
                  )}
                  <Button type="button" size="sm" variant="ghost" disabled={i === 0} onClick={() => move(i, -1)}>
                    Up
                  </Button>
                  <Button
                    type="button"
                    size="sm"
                    variant="ghost"
                    disabled={i === order.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    Down
                  </Button>
                  <Button
                    type="button"
                    size="sm"
                    variant="ghost"
                    disabled={order.length === 1}
                    onClick={() =>
                      form.setValue(
                        'providerOrder',
                        order.filter((x) => x !== p),
                        { shouldDirty: true },
                      )
                    }
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ol>
            {unused.length ? (
              <div className="flex gap-2">
                {unused.map((p) => (
                  <Button
                    key={p}
                    type="button"
                    size="sm"
                    variant="secondary"
                    onClick={() => form.setValue('providerOrder', [...order, p], { shouldDirty: true })}
                  >
                    Add {NAMES[p]}
                  </Button>
                ))}
              </div>
            ) : null}
            {errors.providerOrder?.message ? <Alert tone="error">{errors.providerOrder.message}</Alert> : null}
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField
                id="sms-country"
                label="Default country"
                hint="For numbers typed without +, e.g. PH"
                error={errors.defaultCountry?.message}
              >
                {(control) => (
                  <Input {...control} maxLength={2} className="uppercase" {...form.register('defaultCountry')} />
                )}
              </FormField>
              <FormField
                id="sms-link"
                label="App address for tracking links"
                hint="e.g. https://floorline.example.com"
                error={errors.linkBaseUrl?.message}
              >
                {(control) => <Input {...control} type="url" {...form.register('linkBaseUrl')} />}
              </FormField>
            </div>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Bulk sending rate</CardTitle>
            <CardDescription>
              Texts of a bulk send each provider is given per minute; the rest wait for the next minute (nothing is
              dropped or sent twice). One-off texts and codes are never held back.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-3">
            {Constants.public.Enums.sms_provider.map((p) => (
              <FormField
                key={p}
                id={`sms-rate-${p}`}
                label={`${NAMES[p]} per minute`}
                error={errors.bulkRates?.[p]?.message}
              >
                {(control) => (
                  <Input
                    {...control}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={6000}
                    step={1}
                    {...form.register(`bulkRates.${p}`, { valueAsNumber: true })}
                  />
                )}
              </FormField>
            ))}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Automatic texts</CardTitle>
            <CardDescription>
              When an order reaches a ticked status, customers who opted in get that status's template, with a tracking
              link. Off by default; STOP is always honoured.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-2 sm:grid-cols-2">
            {Constants.public.Enums.order_status.map((s) => (
              <label key={s} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={auto.includes(s)}
                  onChange={(e) =>
                    form.setValue('autoStatuses', e.target.checked ? [...auto, s] : auto.filter((x) => x !== s), {
                      shouldDirty: true,
                    })
                  }
                />
                {STATUS_LABEL[s]}
              </label>
            ))}
          </CardContent>
        </Card>
        <div>
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : 'Save settings'}
          </Button>
        </div>
      </form>
      <div className="grid gap-4 lg:grid-cols-3">
        {Constants.public.Enums.sms_provider.map((p) => (
          <ProviderCredentials
            key={p}
            orgId={settings.org_id}
            provider={p}
            configured={settings.configured_providers.includes(p)}
            canAdmin={canAdmin}
          />
        ))}
      </div>
      <TestSend
        orgId={settings.org_id}
        providers={settings.provider_order.filter((p) => settings.configured_providers.includes(p))}
      />
    </div>
  )
}

function TestSend({ orgId, providers }: { orgId: string; providers: SmsProviderName[] }) {
  const [to, setTo] = useState('')
  const [provider, setProvider] = useState<SmsProviderName | ''>('')
  const [note, setNote] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const send = async () => {
    setBusy(true)
    setNote(null)
    const result = await sendTestText({ orgId, to, provider })
    setBusy(false)
    setNote(
      result.ok
        ? {
            tone: 'success',
            text: provider
              ? `Test text queued for ${NAMES[provider]} only: the message log (source test) shows how it went.`
              : 'Test text queued: the message log (source test) shows which provider took it.',
          }
        : { tone: 'error', text: result.fieldErrors?.to?.[0] ?? result.fieldErrors?.provider?.[0] ?? result.message },
    )
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>Test send</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {note ? <Alert tone={note.tone}>{note.text}</Alert> : null}
        <div className="flex flex-wrap items-end gap-2">
          <FormField id="sms-test-to" label="Phone number">
            {(control) => <Input {...control} type="tel" value={to} onChange={(e) => setTo(e.target.value)} />}
          </FormField>
          <FormField id="sms-test-provider" label="Through">
            {(control) => (
              <Select
                {...control}
                value={provider}
                onChange={(e) => setProvider(e.target.value as SmsProviderName | '')}
              >
                <option value="">The failover order</option>
                {providers.map((p) => (
                  <option key={p} value={p}>
                    {NAMES[p]} only
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <Button type="button" variant="secondary" disabled={busy || !to.trim()} onClick={send}>
            {busy ? 'Sending…' : 'Send a test text'}
          </Button>
        </div>
      </CardContent>
    </Card>
  )
}
