import { createRun, listRuns } from '@/lib/sewing/api/runs'

// GET by bundle, operator or status; POST starts a bundle down the line (one run operation per operation)
export const dynamic = 'force-dynamic'
export const GET = listRuns
export const POST = createRun
