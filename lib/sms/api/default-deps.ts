import 'server-only'
import { afterResponse } from '@/lib/sms/later'
import { createAdminClient } from '@/lib/supabase/admin'
import type { SmsRouteDeps } from './deps'

/** The deps the app's route files use: the service-role client, work after the response. */
export const smsDeps: SmsRouteDeps = { admin: createAdminClient, later: afterResponse }
