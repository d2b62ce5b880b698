import { getFloorStatus } from '@/lib/dashboard/api'

// live: who works where on what, PINed-in without an item, idle tablets, queue depth (supervisors+)
export const dynamic = 'force-dynamic'
export const GET = getFloorStatus
