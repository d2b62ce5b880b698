import 'server-only'
import type { z } from 'zod'
import { failWith, ok, type Result } from '@/lib/result'
import { createClient } from '@/lib/supabase/server'
import { landingPath, type SignInInput } from './schema'
import { rateLimited, recordFailure, recordSuccess, signInGate } from './sign-in-limit'

export const NO_MATCH = 'That email and password do not match an account. Check both and try again.'

/**
 * Email + password sign-in, shared by the form's server action and its no-JavaScript post
 * (app/(auth)/login/submit): the account's own brake (sign-in-limit.ts) first, so a blocked address
 * never reaches the password check; the session lands in cookies through @supabase/ssr. Answers
 * where to land.
 */
export async function signInWithPassword({
  email,
  password,
  next,
}: z.output<typeof SignInInput>): Promise<Result<{ landing: string }>> {
  const supabase = await createClient()
  const blocked = await signInGate(email)
  if (blocked) return blocked
  const { error } = await supabase.auth.signInWithPassword({ email, password })
  if (error) {
    if (error.status === 429) {
      // Supabase Auth's per-IP bucket (a whole workshop behind one router); it refills in seconds
      return rateLimited(60, 'Too many sign-ins from this network. ')
    }
    if (error.code === 'email_not_confirmed') {
      return failWith('NOT_SIGNED_IN', 'Confirm your email address first: look for the message we sent you.')
    }
    if (error.code === 'invalid_credentials' || error.status === 400) {
      const wait = await recordFailure(email)
      return wait > 0 ? rateLimited(wait, `${NO_MATCH} `) : failWith('NOT_SIGNED_IN', NO_MATCH)
    }
    console.error('[signIn]', error)
    return failWith('INTERNAL', 'Signing in is not possible right now. Try again in a moment.')
  }
  await recordSuccess(supabase)
  const { data: orgs } = await supabase.rpc('my_organisations')
  return ok({
    landing: landingPath(
      (orgs ?? []).map((o) => o.slug),
      next,
    ),
  })
}
