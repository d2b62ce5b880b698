import { recordDefect } from '@/lib/sewing/api/runs'

// one tap: a defect (with one of the operation's codes) or a rework unit; count -1 undoes one
export const dynamic = 'force-dynamic'
export const POST = recordDefect
