import { cancelRoute } from '@/lib/queues/public-routes'

// Public: the customer leaves the queue by their ticket token.
export const dynamic = 'force-dynamic'

export const POST = cancelRoute
