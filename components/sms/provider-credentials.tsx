'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Pill } from '@/components/common/pill'
import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle, Input } from '@/components/ui'
import { providerBalance, removeProviderCredentials, saveProviderCredentials } from '@/lib/sms/provider-actions'
import type { SmsProviderName } from '@/lib/sms/queries'
import { CredentialsFormInput, type CredentialsFormValues } from '@/lib/sms/schema'

const FIELDS: Record<SmsProviderName, { name: string; label: string; secret?: boolean; optional?: boolean }[]> = {
  semaphore: [{ name: 'apiKey', label: 'API key', secret: true }],
  twilio: [
    { name: 'accountSid', label: 'Account SID' },
    { name: 'authToken', label: 'Auth token', secret: true },
    { name: 'messagingServiceSid', label: 'Messaging Service SID (optional)', optional: true },
  ],
  movider: [
    { name: 'apiKey', label: 'API key', secret: true },
    { name: 'apiSecret', label: 'API secret', secret: true },
  ],
}
const NAMES: Record<SmsProviderName, string> = { semaphore: 'Semaphore', twilio: 'Twilio', movider: 'Movider' }

/**
 * One provider's credentials: admins store or remove them (they go into the database's private
 * table and are never shown again); managers+ can ask the provider for the balance.
 */
export function ProviderCredentials({
  orgId,
  provider,
  configured,
  canAdmin,
}: {
  orgId: string
  provider: SmsProviderName
  configured: boolean
  canAdmin: boolean
}) {
  const router = useRouter()
  const [note, setNote] = useState<{ tone: 'success' | 'error' | 'info'; text: string } | null>(null)
  const blank = Object.fromEntries(FIELDS[provider].map((f) => [f.name, '']))
  const form = useForm<CredentialsFormValues>({
    resolver: zodResolver(CredentialsFormInput),
    defaultValues: { orgId, provider, ...blank } as CredentialsFormValues,
  })
  const { errors, isSubmitting } = form.formState
  const fieldError = (name: string) => (errors as Record<string, { message?: string } | undefined>)[name]?.message

  const onSubmit = form.handleSubmit(async (values) => {
    setNote(null)
    const result = await saveProviderCredentials(values)
    if (!result.ok) return showFailure(form, result)
    form.reset({ orgId, provider, ...blank } as CredentialsFormValues)
    setNote({ tone: 'success', text: 'Credentials stored.' })
    router.refresh()
  })
  const remove = async () => {
    const result = await removeProviderCredentials({ orgId, provider })
    setNote(result.ok ? { tone: 'success', text: 'Credentials removed.' } : { tone: 'error', text: result.message })
    router.refresh()
  }
  const balance = async () => {
    setNote({ tone: 'info', text: 'Asking the provider…' })
    const result = await providerBalance({ orgId, provider })
    setNote(
      result.ok
        ? { tone: 'success', text: `Balance: ${result.data.amount} ${result.data.currency}` }
        : { tone: 'error', text: result.message },
    )
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          {NAMES[provider]}{' '}
          {configured ? <Pill tone="green">credentials stored</Pill> : <Pill tone="amber">no credentials</Pill>}
        </CardTitle>
        <CardDescription>
          {provider === 'semaphore' ? 'Philippine numbers (+63) only.' : 'Any international number.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {note ? <Alert tone={note.tone}>{note.text}</Alert> : null}
        {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
        {canAdmin ? (
          <form
            onSubmit={onSubmit}
            noValidate
            aria-label={`${NAMES[provider]} credentials`}
            className="grid gap-3 sm:grid-cols-2"
          >
            {FIELDS[provider].map((f) => (
              <FormField key={f.name} id={`cred-${provider}-${f.name}`} label={f.label} error={fieldError(f.name)}>
                {(control) => (
                  <Input
                    {...control}
                    type={f.secret ? 'password' : 'text'}
                    autoComplete="off"
                    {...form.register(f.name as never)}
                  />
                )}
              </FormField>
            ))}
            <div className="flex flex-wrap gap-2 sm:col-span-2">
              <Button type="submit" size="sm" disabled={isSubmitting}>
                {configured ? 'Replace credentials' : 'Store credentials'}
              </Button>
              {configured ? (
                <Button type="button" size="sm" variant="ghost" onClick={remove}>
                  Remove
                </Button>
              ) : null}
            </div>
          </form>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Admins and owners store provider credentials.</p>
        )}
        {configured ? (
          <div>
            <Button type="button" size="sm" variant="secondary" onClick={balance}>
              Check balance
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  )
}
