'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Button, Input } from '@/components/ui'
import { signIn } from '@/lib/auth/actions'
import { SignInInput } from '@/lib/auth/schema'

/**
 * Email and password. With JavaScript the form goes through react-hook-form and the server action;
 * before the page hydrates (or without JavaScript) it is a plain HTML form that POSTs to
 * /login/submit, which answers with a redirect (app/(auth)/login/submit/route.ts): the password never
 * lands in a URL. `notice` is the reason that post came back with.
 */
export function LoginForm({ next, notice }: { next?: string; notice?: string }) {
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
    <form
      onSubmit={onSubmit}
      method="post"
      action="/login/submit"
      encType="multipart/form-data"
      noValidate
      className="flex flex-col gap-5"
    >
      {errors.root?.message ? (
        <Alert tone="error">{errors.root.message}</Alert>
      ) : notice && !form.formState.isSubmitted ? (
        <Alert tone="error">{notice}</Alert>
      ) : null}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <FormField id="email" label="Email" error={errors.email?.message}>
        {(control) => (
          <Input
            {...control}
            type="email"
            autoComplete="username"
            inputMode="email"
            autoFocus
            {...form.register('email')}
          />
        )}
      </FormField>
      <FormField id="password" label="Password" error={errors.password?.message}>
        {(control) => (
          <Input {...control} type="password" autoComplete="current-password" {...form.register('password')} />
        )}
      </FormField>
      <Button type="submit" size="touch" pending={isSubmitting} className="w-full">
        {isSubmitting ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  )
}
