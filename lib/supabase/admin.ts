import 'server-only'
import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import { required, supabaseUrl } from '@/lib/env'
import type { Database } from '@/types/database'

/**
 * The service-role client: it bypasses RLS. Only for webhooks, background jobs and the Auth admin
 * API (inviting members) — never for reading data on behalf of a signed-in user, and never
 * reachable from the browser (`server-only` fails the build if a client component imports it).
 */
export function createAdminClient() {
  const key = required('SUPABASE_SERVICE_ROLE_KEY', process.env.SUPABASE_SERVICE_ROLE_KEY)
  return createClient<Database>(supabaseUrl(), key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as never },
  })
}
