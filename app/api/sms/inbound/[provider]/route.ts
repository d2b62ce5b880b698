import { smsInboundRoute } from '@/lib/sms/api/inbound'
import { createAdminClient } from '@/lib/supabase/admin'

// Customers' replies (STOP / START) from the providers' inbound webhooks (lib/sms/api/inbound.ts).
export const dynamic = 'force-dynamic'

const handler = smsInboundRoute(createAdminClient)
export const POST = handler
export const GET = handler
