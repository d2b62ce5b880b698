'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { describedBy, Field } from '@/components/common/field'
import { showFailure } from '@/components/common/form-result'
import { Button, Input } from '@/components/ui'
import { signIn } from '@/lib/auth/actions'
import { SignInInput } from '@/lib/auth/schema'

export function LoginForm({ next }: { next?: string }) {
  const form = useForm<z.input<typeof SignInInput>, unknown, z.output<typeof SignInInput>>({
    resolver: zodResolver(SignInInput),
    defaultValues: { email: '', password: '', next },
  })
  const { errors, isSubmitting } = form.formState

  const onSubmit = form.handleSubmit(async (values) => {
    // success redirects on the server; only failures come back
    const result = await signIn(values)
    if (result && !result.ok) {
      showFailure(form, result)
      if (!result.fieldErrors) form.resetField('password', { keepError: true })
    }
  })

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input
          id="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          autoFocus
          invalid={!!errors.email}
          aria-describedby={describedBy('email', errors.email?.message)}
          {...form.register('email')}
        />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <Input
          id="password"
          type="password"
          autoComplete="current-password"
          invalid={!!errors.password}
          aria-describedby={describedBy('password', errors.password?.message)}
          {...form.register('password')}
        />
      </Field>
      <Button type="submit" size="touch" pending={isSubmitting} className="w-full">
        {isSubmitting ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  )
}
