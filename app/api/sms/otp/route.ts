import { smsDeps } from '@/lib/sms/api/default-deps'
import { smsOtpRoute } from '@/lib/sms/api/otp'

// Public: request and verify one-time codes by text (lib/sms/api/otp.ts).
export const dynamic = 'force-dynamic'

export const POST = smsOtpRoute(smsDeps)
