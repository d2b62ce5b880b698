'use server'
import { redirect } from 'next/navigation'
import { publicAction } from '@/lib/actions'
import { createClient } from '@/lib/supabase/server'
import { SignInInput } from './schema'
import { signInWithPassword } from './sign-in'

/**
 * Email + password sign-in from the form (lib/auth/sign-in.ts does it); success redirects on the
 * server. Without JavaScript the same form posts to app/(auth)/login/submit instead.
 */
export const signIn = publicAction(SignInInput, async (input) => {
  const r = await signInWithPassword(input)
  if (!r.ok) return r
  redirect(r.data.landing)
})

/** Signs this browser out (other devices stay signed in). */
export async function signOut(): Promise<void> {
  const supabase = await createClient()
  await supabase.auth.signOut({ scope: 'local' })
  redirect('/login')
}
