'use server'
import { redirect } from 'next/navigation'
import { publicAction } from '@/lib/actions'
import { failWith } from '@/lib/result'
import { createClient } from '@/lib/supabase/server'
import { landingPath, SignInInput } from './schema'
import { rateLimited, recordFailure, recordSuccess, signInGate } from './sign-in-limit'

const NO_MATCH = 'That email and password do not match an account. Check both and try again.'

/**
 * Email + password sign-in; the session lands in cookies through @supabase/ssr. The account's own
 * brake (sign-in-limit.ts) is asked first, so a blocked address never reaches the password check.
 */
export const signIn = publicAction(SignInInput, async ({ email, password, next }) => {
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
  redirect(
    landingPath(
      (orgs ?? []).map((o) => o.slug),
      next,
    ),
  )
})

/** Signs this browser out (other devices stay signed in). */
export async function signOut(): Promise<void> {
  const supabase = await createClient()
  await supabase.auth.signOut({ scope: 'local' })
  redirect('/login')
}
