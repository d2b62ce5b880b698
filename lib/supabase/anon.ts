import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import { supabaseAnonKey, supabaseUrl } from '@/lib/env'
import type { Database } from '@/types/database'

/**
 * A client with the anon key and no session (nothing secret in it, so not server-only): the public
 * tracking page (track_order is granted to anon), a station tablet between PIN-ins (it proves itself
 * with the station secret), and a throwaway sign-in that must not touch the tablet's cookies. `deviceId` goes out as
 * `x-device-id`, which the database records on attempts, sessions and the audit log.
 */
export function createAnonClient(opts: { deviceId?: string } = {}) {
  return createClient<Database>(supabaseUrl(), supabaseAnonKey(), {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers: opts.deviceId ? { 'x-device-id': opts.deviceId } : {} },
    // Node has no WebSocket before 22 and supabase-js builds its realtime client eagerly
    realtime: { transport: WebSocket as never },
  })
}
