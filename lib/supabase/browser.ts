'use client'
import { createBrowserClient } from '@supabase/ssr'
import type { SupabaseClient } from '@supabase/supabase-js'
import { supabaseAnonKey, supabaseUrl } from '@/lib/env'
import type { Database } from '@/types/database'

let client: SupabaseClient<Database> | undefined

/**
 * The browser's Supabase client: one per tab, sharing the session cookie that the server
 * clients read, so a sign-in here is seen by Server Components on the next request.
 */
export function createClient(): SupabaseClient<Database> {
  client ??= createBrowserClient<Database>(supabaseUrl(), supabaseAnonKey())
  return client
}
