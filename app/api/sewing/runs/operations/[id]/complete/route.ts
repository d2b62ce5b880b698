import { completeRunOperation } from '@/lib/sewing/api/runs'

// units default to the bundle's good units; 422 UNITS_EXCEED_BUNDLE / UNITS_EXCEED_DEPENDENCY above them
export const dynamic = 'force-dynamic'
export const POST = completeRunOperation
