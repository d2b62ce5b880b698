import { exportEarnings } from '@/lib/sewing/api/earnings'

// the payroll CSV of a period (level=period, one line per operator), or per week, day or operation
export const dynamic = 'force-dynamic'
export const GET = exportEarnings
