import { deleteTemplate, updateTemplate } from '@/lib/sms/api/templates'

// PATCH changes, DELETE removes one template (managers+, as themselves; lib/sms/api/templates.ts).
export const dynamic = 'force-dynamic'

export const PATCH = updateTemplate
export const DELETE = deleteTemplate
