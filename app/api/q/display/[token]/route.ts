import { displayRoute } from '@/lib/queues/public-routes'

// Public with the display token: the waiting-room TV's view, re-read when the queue moves.
export const dynamic = 'force-dynamic'

export const GET = displayRoute
