'use server'
import { redirect } from 'next/navigation'
import { publicAction } from '@/lib/actions'
import { failWith } from '@/lib/result'
import { createClient } from '@/lib/supabase/server'
import { landingPath, SignInInput } from './schema'

/** Email + password sign-in; the session lands in cookies through @supabase/ssr. */
export const signIn = publicAction(SignInInput, async ({ email, password, next }) => {
  const supabase = await createClient()
  const { error } = await supabase.auth.signInWithPassword({ email, password })
  if (error) {
    if (error.code === 'invalid_credentials' || error.status === 400) {
      return failWith('unauthenticated', 'That email and password do not match an account. Check both and try again.')
    }
    if (error.code === 'email_not_confirmed') {
      return failWith('unauthenticated', 'Confirm your email address first: look for the message we sent you.')
    }
    if (error.status === 429) return failWith('rate_limited', 'Too many attempts. Wait a minute and try again.')
    console.error('[signIn]', error)
    return failWith('unexpected', 'Signing in is not possible right now. Try again in a moment.')
  }
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
