import { shopifyOrdersRoute } from '@/lib/shopify/webhook'
import { createAdminClient } from '@/lib/supabase/admin'

// Shopify signs each delivery; the handler verifies it in the database and imports with the
// service role (no user session here). Never cached, always dynamic.
export const dynamic = 'force-dynamic'

export const POST = shopifyOrdersRoute(createAdminClient)
