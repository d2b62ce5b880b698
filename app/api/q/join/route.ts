import { queueJoinRoute } from '@/lib/queues/join-route'
import { smsDeps } from '@/lib/sms/api/default-deps'

// Public: a customer joins a queue from the poster's link (lib/queues/join-route.ts).
export const dynamic = 'force-dynamic'

export const POST = queueJoinRoute(smsDeps)
