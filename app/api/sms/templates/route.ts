import { createTemplate, listTemplates } from '@/lib/sms/api/templates'

// GET ?org_id= lists, POST creates (managers+, as themselves; lib/sms/api/templates.ts).
export const dynamic = 'force-dynamic'

export const GET = listTemplates
export const POST = createTemplate
