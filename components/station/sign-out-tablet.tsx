'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useState, useTransition } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { Dialog } from '@/components/common/dialog'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Button, Input } from '@/components/ui'
import { signOutTablet } from '@/lib/station/actions'
import { SupervisorCredentials } from '@/lib/station/schema'

/** "Sign this tablet out" when no supervisor is PINed in: a supervisor confirms with their password. */
export function SignOutTabletButton() {
  const [open, setOpen] = useState(false)
  const form = useForm<z.input<typeof SupervisorCredentials>, unknown, z.output<typeof SupervisorCredentials>>({
    resolver: zodResolver(SupervisorCredentials),
    defaultValues: { email: '', password: '' },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async (credentials) => {
    const result = await signOutTablet({ credentials })
    if (result && !result.ok) {
      showFailure(form, result)
      form.resetField('password', { keepError: true })
    }
  })
  return (
    <>
      <Button variant="ghost" size="touch" className="text-zinc-500 dark:text-zinc-400" onClick={() => setOpen(true)}>
        Sign this tablet out
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Sign this tablet out"
        description="A supervisor or above confirms with their own sign-in. The tablet stops being a station until someone signs it in again."
      >
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
          <FormField id="sup-email" label="Supervisor email" error={errors.email?.message}>
            {(control) => <Input {...control} type="email" autoComplete="off" {...form.register('email')} />}
          </FormField>
          <FormField id="sup-password" label="Password" error={errors.password?.message}>
            {(control) => <Input {...control} type="password" autoComplete="off" {...form.register('password')} />}
          </FormField>
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" pending={isSubmitting}>
              Sign tablet out
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  )
}

/** For a supervisor+ who is PINed in: no password needed. */
export function RevokeAsPinnedIn() {
  const [error, setError] = useState<string | null>(null)
  const [pending, start] = useTransition()
  return (
    <div className="flex flex-col gap-2">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button
        variant="ghost"
        size="touch"
        pending={pending}
        onClick={() =>
          start(async () => {
            const result = await signOutTablet({})
            if (result && !result.ok) setError(result.message)
          })
        }
      >
        Sign this tablet out
      </Button>
    </div>
  )
}
