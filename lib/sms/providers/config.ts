/**
 * Where each provider's API is. Resolution, first match wins:
 *   1. credentials.baseUrl (set by code, e.g. a test pointing at one gateway)
 *   2. SMS_<PROVIDER>_BASE_URL (SMS_SEMAPHORE_BASE_URL, SMS_TWILIO_BASE_URL, SMS_MOVIDER_BASE_URL)
 *   3. SMS_GATEWAY_URL: one origin speaking all three APIs (the local stack's fake gateway)
 *   4. outside production, a loopback NEXT_PUBLIC_SUPABASE_URL (or none: lib/env.ts's default): the
 *      local stack, which hosts the fake gateway (supabase/local/sms-gateway), so `npm run dev` never texts a real phone
 *   5. the provider's real API (DEFAULT_BASE_URLS)
 * The URL is deployment configuration, never an organisation setting (see types.ts).
 */
import { DEFAULT_BASE_URLS, type ProviderName } from './types'

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i

export const BASE_URL_ENV: Readonly<Record<ProviderName, string>> = {
  semaphore: 'SMS_SEMAPHORE_BASE_URL',
  twilio: 'SMS_TWILIO_BASE_URL',
  movider: 'SMS_MOVIDER_BASE_URL',
}

export function providerBaseUrl(
  name: ProviderName,
  explicit?: string,
  env: Record<string, string | undefined> = process.env,
): string {
  if (explicit) return explicit
  const specific = env[BASE_URL_ENV[name]]
  if (specific) return specific
  if (env.SMS_GATEWAY_URL) return env.SMS_GATEWAY_URL
  if (env.NODE_ENV !== 'production') {
    try {
      // lib/env.ts's development default: the local stack
      const url = new URL(env.NEXT_PUBLIC_SUPABASE_URL || 'http://127.0.0.1:54321')
      if (LOOPBACK.test(url.hostname)) return url.origin
    } catch {
      // not a URL: fall through to the real provider
    }
  }
  return DEFAULT_BASE_URLS[name]
}
