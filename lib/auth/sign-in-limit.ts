import 'server-only'
import { z } from 'zod'
import type { ServerClient } from '@/lib/actions'
import { count } from '@/lib/format'
import { type Fail, failWith } from '@/lib/result'
import { parseRpc } from '@/lib/rpc'
import { createAdminClient } from '@/lib/supabase/admin'

/**
 * The app's own per-account brake on password sign-in (migration 20261203001000): Supabase Auth
 * limits per IP, but the tablets of one workshop share the router's IP. 10 failures in a row are
 * free; then each failure blocks the address for 30 s doubling, at most 15 minutes; success clears
 * it. Keyed by the normalised email inside the database (sign_in_* functions). Asking and counting
 * take the service key (migration 20261203001100): nobody can feed a victim's address directly.
 */

/** "30 seconds", "2 minutes", "15 minutes". */
export function waitText(seconds: number): string {
  if (seconds < 60) return count(seconds, 'second')
  const minutes = Math.ceil(seconds / 60)
  return count(minutes, 'minute')
}

export function rateLimited(seconds: number, prefix = ''): Fail {
  const wait = Math.max(1, Math.ceil(seconds))
  return failWith('RATE_LIMITED', `${prefix}Too many attempts: try again in ${waitText(wait)}.`, { retryAfter: wait })
}

const Gate = z.object({ allowed: z.boolean(), retry_after_seconds: z.number() })
const Failed = z.object({ retry_after_seconds: z.number() })

/**
 * May this email try now? A database that cannot answer lets the attempt through (Supabase Auth's
 * per-IP limit still applies) rather than locking everyone out; the failure is logged.
 */
export async function signInGate(email: string): Promise<Fail | null> {
  const { data, error } = await createAdminClient().rpc('sign_in_allowed', { p_email: email })
  if (error) {
    console.error('[signIn] sign_in_allowed', error)
    return null
  }
  const gate = parseRpc(Gate, data, 'sign_in_allowed')
  return gate.allowed ? null : rateLimited(gate.retry_after_seconds)
}

/** Counts a wrong password; the seconds of the block it started, or 0. */
export async function recordFailure(email: string): Promise<number> {
  const { data, error } = await createAdminClient().rpc('sign_in_failed', { p_email: email })
  if (error) {
    console.error('[signIn] sign_in_failed', error)
    return 0
  }
  return parseRpc(Failed, data, 'sign_in_failed').retry_after_seconds
}

/** Clears the streak of the account that just signed in (needs its session). */
export async function recordSuccess(supabase: ServerClient): Promise<void> {
  const { error } = await supabase.rpc('sign_in_succeeded')
  if (error) console.error('[signIn] sign_in_succeeded', error)
}
