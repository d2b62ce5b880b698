import { updateOperation } from '@/lib/sewing/api/operations'

// PATCH changes the fields sent (managers+); a new piece rate or SMV starts a rate history row
export const dynamic = 'force-dynamic'
export const PATCH = updateOperation
