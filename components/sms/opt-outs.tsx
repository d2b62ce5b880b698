'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Pill } from '@/components/common/pill'
import { Button, Input } from '@/components/ui'
import { optInNumber, optOutNumber } from '@/lib/sms/actions'
import type { SmsOptOut } from '@/lib/sms/queries'
import { OptOutFormInput, type OptOutFormValues } from '@/lib/sms/schema'

const HOW: Record<string, string> = {
  stop_reply: 'STOP reply',
  customer: 'Tracking page',
  staff: 'Staff',
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * Numbers that get no texts (sms_opt_outs): how and when they opted out; staff opt a number out
 * (the customer asked in person) or back in (they asked to hear from us again). One-time codes a
 * person asks for still reach them.
 */
export function OptOutList({ orgId, optOuts }: { orgId: string; optOuts: SmsOptOut[] }) {
  const [note, setNote] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const form = useForm<OptOutFormValues>({
    resolver: zodResolver(OptOutFormInput),
    defaultValues: { orgId, phone: '' },
  })
  const { errors, isSubmitting } = form.formState

  const optOut = form.handleSubmit(async (values) => {
    setNote(null)
    const result = await optOutNumber(values)
    if (!result.ok) return showFailure(form, result)
    form.reset({ orgId, phone: '' })
    setNote({ tone: 'success', text: `${result.data.phone} gets no more texts.` })
  })
  const optIn = async (phone: string) => {
    setBusy(phone)
    setNote(null)
    const result = await optInNumber({ orgId, phone })
    setBusy(null)
    setNote(
      result.ok
        ? {
            tone: 'success',
            text: `${phone} can get texts again (automatic texts stay off until the customer opts in).`,
          }
        : { tone: 'error', text: result.message },
    )
  }

  return (
    <section aria-labelledby="sms-optouts-heading" className="flex flex-col gap-4">
      <div>
        <h2 id="sms-optouts-heading" className="text-base font-semibold">
          Opted out
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          These numbers get no texts from this workshop — not sent by staff, not automatic, not bulk. Only a one-time
          code the person asks for still reaches them.
        </p>
      </div>
      {note ? <Alert tone={note.tone}>{note.text}</Alert> : null}
      <form onSubmit={optOut} noValidate aria-label="Opt a number out" className="flex flex-wrap items-end gap-2">
        {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
        <FormField id="sms-optout-phone" label="Phone number" error={errors.phone?.message}>
          {(control) => <Input {...control} type="tel" autoComplete="off" {...form.register('phone')} />}
        </FormField>
        <Button type="submit" variant="secondary" disabled={isSubmitting}>
          Opt out
        </Button>
      </form>
      {optOuts.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No number has opted out.</p>
      ) : (
        <ul
          aria-label="Opted-out numbers"
          className="flex flex-col divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
        >
          {optOuts.map((o) => (
            <li key={o.phone} data-testid="sms-optout" className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
              <span className="font-mono">{o.phone}</span>
              <span className="min-w-0 flex-1 truncate text-zinc-700 dark:text-zinc-300">
                {o.customers.length ? o.customers.join(', ') : 'No customer on file'}
              </span>
              <Pill tone="neutral">{HOW[o.source] ?? o.source}</Pill>
              <span className="text-xs text-zinc-600 dark:text-zinc-400">{when(o.created_at)}</span>
              <Button
                type="button"
                variant="ghost"
                disabled={busy === o.phone}
                onClick={() => optIn(o.phone)}
                aria-label={`Opt back in ${o.phone}`}
              >
                Opt back in
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
