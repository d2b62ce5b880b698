import 'server-only'
import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import { required, supabaseUrl } from '@/lib/env'
import type { Database } from '@/types/database'

// The public demo key of every local Supabase stack; accepted only outside production.
const LOCAL_SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU'

/**
 * The service-role client: it bypasses RLS. Only for webhooks, background jobs and the Auth admin
 * API (inviting members) — never for reading data on behalf of a signed-in user, and never
 * reachable from the browser (`server-only` fails the build if a client component imports it).
 */
export function createAdminClient() {
  const key = required('SUPABASE_SERVICE_ROLE_KEY', process.env.SUPABASE_SERVICE_ROLE_KEY, LOCAL_SERVICE_ROLE_KEY)
  return createClient<Database>(supabaseUrl(), key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as never },
  })
}
