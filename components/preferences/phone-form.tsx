'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Button, Input } from '@/components/ui'
import { confirmMyPhone, removeMyPhone, requestMyPhoneCode } from '@/lib/sms/staff-phone-actions'
import { MyPhoneCodeInput, type MyPhoneCodeValues } from '@/lib/sms/staff-phone-schema'

/**
 * "Phone on your account": the number a forgotten password is reset by (/forgot-password). Proved
 * with a code texted to it before it is stored; removable.
 */
export function PhoneForm({ orgId, phone }: { orgId: string; phone: string | null }) {
  const router = useRouter()
  const [step, setStep] = useState<'phone' | 'code'>('phone')
  const [editing, setEditing] = useState(!phone)
  const [done, setDone] = useState<string | null>(null)
  const form = useForm<MyPhoneCodeValues>({
    resolver: zodResolver(MyPhoneCodeInput),
    defaultValues: { orgId, phone: '', code: '' },
  })
  const { errors, isSubmitting } = form.formState

  const ask = async () => {
    form.clearErrors()
    if (!(await form.trigger('phone'))) return
    const result = await requestMyPhoneCode({ orgId, phone: form.getValues('phone') })
    if (!result.ok) return showFailure(form, result)
    setStep('code')
  }
  const confirm = form.handleSubmit(async (values) => {
    const result = await confirmMyPhone(values)
    if (!result.ok) return showFailure(form, result)
    setDone(`Your phone ${result.data.phone} is on your account.`)
    setEditing(false)
    setStep('phone')
    form.reset({ orgId, phone: '', code: '' })
    router.refresh()
  })
  const remove = async () => {
    const result = await removeMyPhone({})
    if (!result.ok) return form.setError('root', { type: 'server', message: result.message })
    setDone('The phone is off your account.')
    setEditing(true)
    router.refresh()
  }

  return (
    <section
      aria-labelledby="my-phone-title"
      className="flex flex-col gap-4 rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div>
        <h2 id="my-phone-title" className="text-base font-semibold">
          Phone on your account
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          If you forget your password, a code texted to this number lets you set a new one.
        </p>
      </div>
      {done ? <Alert tone="success">{done}</Alert> : null}
      {phone && !editing ? (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm">
            <span className="font-medium" data-testid="my-phone">
              +{phone.replace(/^\+/, '')}
            </span>{' '}
            <span className="text-zinc-600 dark:text-zinc-400">verified</span>
          </p>
          <div className="flex gap-2">
            <Button type="button" variant="secondary" onClick={() => setEditing(true)}>
              Change phone
            </Button>
            <Button type="button" variant="ghost" onClick={remove}>
              Remove phone
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={confirm} noValidate aria-label="Phone on your account" className="flex flex-col gap-3">
          {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
          <FormField id="my-phone" label="Mobile number" error={errors.phone?.message}>
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
            <div className="flex gap-2">
              <Button type="button" onClick={ask} disabled={isSubmitting}>
                Text me a code
              </Button>
              {phone ? (
                <Button type="button" variant="ghost" onClick={() => setEditing(false)}>
                  Cancel
                </Button>
              ) : null}
            </div>
          ) : (
            <>
              <p className="text-sm text-zinc-600 dark:text-zinc-400" role="status">
                A code is on its way to that number. It expires in 10 minutes.
              </p>
              <FormField id="my-phone-code" label="Code from the text" error={errors.code?.message}>
                {(control) => (
                  <Input {...control} inputMode="numeric" autoComplete="one-time-code" {...form.register('code')} />
                )}
              </FormField>
              <div className="flex gap-2">
                <Button type="submit" disabled={isSubmitting}>
                  Verify phone
                </Button>
                <Button type="button" variant="ghost" onClick={() => setStep('phone')}>
                  Use another number
                </Button>
              </div>
            </>
          )}
        </form>
      )}
    </section>
  )
}
