'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Button, Input } from '@/components/ui'
import { confirmTrackingPhone, requestTrackingCode, stopTrackingTexts } from '@/lib/sms/tracking-actions'
import { TrackCodeInput, type TrackCodeValues } from '@/lib/sms/tracking-schema'

/**
 * "Text me about this order": the customer's mobile number, a code to prove it is theirs, then
 * texts when the workshop sends them (only the statuses it chose). Stop at any time.
 */
export function SmsOptIn({ token }: { token: string }) {
  const [step, setStep] = useState<'phone' | 'code' | 'on' | 'off'>('phone')
  const [open, setOpen] = useState(false)
  const form = useForm<TrackCodeValues>({
    resolver: zodResolver(TrackCodeInput),
    defaultValues: { token, phone: '', code: '' },
  })
  const { errors, isSubmitting } = form.formState

  const ask = async () => {
    form.clearErrors()
    if (!(await form.trigger('phone'))) return
    const result = await requestTrackingCode({ token, phone: form.getValues('phone') })
    if (!result.ok) return showFailure(form, result)
    setStep('code')
  }
  const confirm = form.handleSubmit(async (values) => {
    const result = await confirmTrackingPhone(values)
    if (!result.ok) return showFailure(form, result)
    setStep('on')
  })
  const stop = async () => {
    const result = await stopTrackingTexts({ token })
    if (result.ok) setStep('off')
  }

  return (
    <section className="mx-auto mt-6 max-w-2xl rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
      {step === 'on' ? (
        <div className="flex flex-col gap-3">
          <Alert tone="success">Texts are on: we will text you when your order moves on.</Alert>
          <Button type="button" variant="ghost" size="sm" onClick={stop}>
            Stop texts
          </Button>
        </div>
      ) : step === 'off' ? (
        <Alert tone="info">Texts are off for this number. You will get no more texts from this workshop.</Alert>
      ) : !open ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm">Want a text when your order moves on?</p>
          <div className="flex gap-2">
            <Button type="button" variant="secondary" size="sm" onClick={() => setOpen(true)}>
              Text me about this order
            </Button>
            <Button type="button" variant="ghost" size="sm" onClick={stop}>
              Stop texts
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={confirm} noValidate aria-label="Texts about this order" className="flex flex-col gap-3">
          {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
          <FormField id="track-phone" label="Mobile number" error={errors.phone?.message}>
            {(control) => (
              <Input
                {...control}
                type="tel"
                autoComplete="tel"
                disabled={step !== 'phone'}
                {...form.register('phone')}
              />
            )}
          </FormField>
          {step === 'phone' ? (
            <Button type="button" onClick={ask} disabled={isSubmitting}>
              Send me a code
            </Button>
          ) : (
            <>
              <FormField id="track-code" label="Code from the text" error={errors.code?.message}>
                {(control) => (
                  <Input {...control} inputMode="numeric" autoComplete="one-time-code" {...form.register('code')} />
                )}
              </FormField>
              <Button type="submit" disabled={isSubmitting}>
                Turn texts on
              </Button>
            </>
          )}
        </form>
      )}
    </section>
  )
}
