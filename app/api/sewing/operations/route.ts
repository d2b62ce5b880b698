import { createOperation, listOperations } from '@/lib/sewing/api/operations'

// GET ?org_id= lists each product type's operations in sequence; POST creates one (managers+)
export const dynamic = 'force-dynamic'
export const GET = listOperations
export const POST = createOperation
