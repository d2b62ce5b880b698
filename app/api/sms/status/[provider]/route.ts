import { smsStatusRoute } from '@/lib/sms/api/status'
import { createAdminClient } from '@/lib/supabase/admin'

// Delivery reports from the providers, verified before anything changes (lib/sms/api/status.ts).
// Movider reports with GET unless told to POST.
export const dynamic = 'force-dynamic'

const handler = smsStatusRoute(createAdminClient)
export const POST = handler
export const GET = handler
