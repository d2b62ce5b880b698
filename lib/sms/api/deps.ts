import type { Later } from '@/lib/sms/later'
import type { AppClient } from '@/lib/supabase/types'

/** What the SMS routes need besides the request: the service-role client and a way to work after the response. */
export interface SmsRouteDeps {
  admin: () => AppClient
  later: Later
}
