import { smsCronRoute } from '@/lib/sms/api/cron'
import { createAdminClient } from '@/lib/supabase/admin'

// Every minute from pg_cron + pg_net, a platform cron or the local scheduler (lib/sms/api/cron.ts).
export const dynamic = 'force-dynamic'

const handler = smsCronRoute(createAdminClient)
export const GET = handler
export const POST = handler
