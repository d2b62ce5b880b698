import { getEarnings } from '@/lib/sewing/api/earnings'

// operators' earnings for a period at the rates in force (operators: their own)
export const dynamic = 'force-dynamic'
export const GET = getEarnings
