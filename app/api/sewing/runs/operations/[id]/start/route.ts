import { startRunOperation } from '@/lib/sewing/api/runs'

// 422 OPERATION_DEPENDENCY_PENDING (details.pending) while an operation it depends on is not completed
export const dynamic = 'force-dynamic'
export const POST = startRunOperation
