import { createAnonClient } from '@/lib/supabase/anon'
import { createClient } from '@/lib/supabase/server'
import type { AppClient } from '@/lib/supabase/types'
import { FLOOR_SESSION_MAX_AGE_SECONDS } from './cookies'

// A station's two clients (built in lib/supabase/). Every request carries the tablet's
// `x-device-id`, which the database records on attempts, sessions and the audit log.

/** The tablet between PIN-ins: anon, no session, proving itself with the station secret. */
export function tabletClient(deviceId: string | undefined): AppClient {
  return createAnonClient({ deviceId })
}

/** The tablet's cookie session (the operator after PIN-in): a shift-long session cookie. */
export async function sessionClient(deviceId: string | undefined): Promise<AppClient> {
  return createClient({ deviceId, maxAge: FLOOR_SESSION_MAX_AGE_SECONDS })
}
