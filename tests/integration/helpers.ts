/**
 * Integration tests: the app's own flows (lib/**) through supabase-js against the local stack with
 * the real migrations and demo seed (supabase/migrations, supabase/seed.sql).
 */
import path from 'node:path'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import type { Database } from '../../types/database'
import { startTestStack, type TestStack } from '../stack/harness'

export type Client = SupabaseClient<Database>

const root = path.join(import.meta.dirname, '..', '..')
export const PASSWORD = 'floorline-demo'
export const AURORA = '20000000-0000-4000-8000-000000000001'
export const BIRCH = '20000000-0000-4000-8000-000000000002'
export const SANDING = '30000000-0000-4000-8000-000000000102'

export function startAppStack(): Promise<TestStack> {
  return startTestStack({
    migrationsDir: path.join(root, 'supabase/migrations'),
    seedFile: path.join(root, 'supabase/seed.sql'),
  })
}

/** A typed client; `deviceId` is sent as x-device-id like the station's clients do. */
export function client(t: TestStack, key: 'anon' | 'service' = 'anon', deviceId?: string): Client {
  return createClient<Database>(t.url, key === 'anon' ? t.cfg.anonKey : t.cfg.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: deviceId ? { 'x-device-id': deviceId } : {} },
    realtime: { transport: WebSocket as never },
  })
}

export async function signIn(t: TestStack, email: string, password = PASSWORD): Promise<Client> {
  const c = client(t)
  const { error } = await c.auth.signInWithPassword({ email, password })
  if (error) throw new Error(`sign-in as ${email}: ${error.message}`)
  return c
}
