import { getSewingDashboard } from '@/lib/sewing/api/dashboard'

// the line at a glance for a day: WIP per operation, bottleneck, efficiency, operators vs target
export const dynamic = 'force-dynamic'
export const GET = getSewingDashboard
