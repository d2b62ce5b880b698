import { smsDeps } from '@/lib/sms/api/default-deps'
import { smsSendRoute } from '@/lib/sms/api/send'

// Queues texts as the signed-in manager, then sends them after the response (lib/sms/api/send.ts).
export const dynamic = 'force-dynamic'

export const POST = smsSendRoute(smsDeps)
