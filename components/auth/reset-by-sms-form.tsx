'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import Link from 'next/link'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Button, Input } from '@/components/ui'
import { requestResetCode, resetWithCode } from '@/lib/auth/reset-by-sms'
import { ResetCodeInput, type ResetCodeValues } from '@/lib/auth/reset-schema'

/**
 * Forgotten password, by text: the workshop and the phone number on the account get a 6-digit code
 * (the same answer whether or not the number is known), then the code and a new password.
 */
export function ResetBySmsForm() {
  const [step, setStep] = useState<'ask' | 'code' | 'done'>('ask')
  const form = useForm<ResetCodeValues>({
    resolver: zodResolver(ResetCodeInput),
    defaultValues: { org: '', phone: '', code: '', newPassword: '' },
  })
  const { errors, isSubmitting } = form.formState

  const ask = async () => {
    form.clearErrors()
    const ok = await form.trigger(['org', 'phone'])
    if (!ok) return
    const result = await requestResetCode({ org: form.getValues('org'), phone: form.getValues('phone') })
    if (!result.ok) return showFailure(form, result)
    setStep('code')
  }
  const reset = form.handleSubmit(async (values) => {
    const result = await resetWithCode(values)
    if (!result.ok) return showFailure(form, result)
    setStep('done')
  })

  if (step === 'done') {
    return (
      <Alert tone="success">
        Your password is changed.{' '}
        <Link href="/login" className="underline">
          Sign in
        </Link>{' '}
        with the new one.
      </Alert>
    )
  }
  return (
    <form onSubmit={reset} noValidate aria-label="Reset password by text" className="flex flex-col gap-4">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <FormField
        id="reset-org"
        label="Workshop address"
        hint="The part after the slash, e.g. aurora"
        error={errors.org?.message}
      >
        {(control) => <Input {...control} autoComplete="off" disabled={step !== 'ask'} {...form.register('org')} />}
      </FormField>
      <FormField id="reset-phone" label="Phone number on your account" error={errors.phone?.message}>
        {(control) => (
          <Input {...control} type="tel" autoComplete="tel" disabled={step !== 'ask'} {...form.register('phone')} />
        )}
      </FormField>
      {step === 'ask' ? (
        <Button type="button" onClick={ask} disabled={isSubmitting}>
          Text me a code
        </Button>
      ) : (
        <>
          <Alert tone="info">
            If that number belongs to an account here, a code is on its way. It works for 10 minutes.
          </Alert>
          <FormField id="reset-code" label="Code" error={errors.code?.message}>
            {(control) => (
              <Input {...control} inputMode="numeric" autoComplete="one-time-code" {...form.register('code')} />
            )}
          </FormField>
          <FormField id="reset-password" label="New password" error={errors.newPassword?.message}>
            {(control) => (
              <Input {...control} type="password" autoComplete="new-password" {...form.register('newPassword')} />
            )}
          </FormField>
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? 'Changing…' : 'Change password'}
          </Button>
        </>
      )}
    </form>
  )
}
