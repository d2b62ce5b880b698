import type { SupabaseClient } from '@supabase/supabase-js'
import type { Database } from '@/types/database'

/** Every client of the app, typed by the generated Database: RPC names, arguments and answers checked. */
export type AppClient = SupabaseClient<Database>
