import { correctRunOperation } from '@/lib/sewing/api/runs'

// PATCH: a supervisor's correction of a run operation (units, minutes, defects, operator, back to pending)
export const dynamic = 'force-dynamic'
export const PATCH = correctRunOperation
