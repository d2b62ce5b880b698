import { checkInRoute } from '@/lib/queues/public-routes'

// Public: the customer says "I'm here" by their ticket token (the ticket stops expiring).
export const dynamic = 'force-dynamic'

export const POST = checkInRoute
