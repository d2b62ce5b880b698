import { getOverview } from '@/lib/dashboard/api'

// KPIs, trends, WIP, late orders and (supervisors+) operators for a range; cached 5 min (docs/dashboards.md)
export const dynamic = 'force-dynamic'
export const GET = getOverview
