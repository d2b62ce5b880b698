/**
 * Stored provider credentials (jsonb in the private settings table) parsed back into the typed
 * union. `baseUrl` is deliberately not accepted from storage: where a provider lives is deployment
 * configuration (config.ts), not something an organisation's settings may redirect.
 */
import { z } from 'zod'
import type { ProviderCredentials } from './types'

/** Absent, null (a jsonb_build_object of a missing setting) and '' all mean "the provider's default". */
const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v)
const sender = z.preprocess(blankToUndefined, z.string().trim().min(1).max(20).optional())

export const SemaphoreCredentialsSchema = z.object({
  provider: z.literal('semaphore'),
  apiKey: z.string().trim().min(1),
  sender,
})

export const TwilioCredentialsSchema = z.object({
  provider: z.literal('twilio'),
  accountSid: z.string().regex(/^AC[0-9a-f]{32}$/, 'A Twilio Account SID is AC followed by 32 hex digits'),
  authToken: z.string().trim().min(1),
  messagingServiceSid: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^MG[0-9a-f]{32}$/, 'A Messaging Service SID is MG followed by 32 hex digits')
      .optional(),
  ),
  sender,
})

export const MoviderCredentialsSchema = z.object({
  provider: z.literal('movider'),
  apiKey: z.string().trim().min(1),
  apiSecret: z.string().trim().min(1),
  sender,
})

export const ProviderCredentialsSchema = z.discriminatedUnion('provider', [
  SemaphoreCredentialsSchema,
  TwilioCredentialsSchema,
  MoviderCredentialsSchema,
])

export function parseCredentials(value: unknown): ProviderCredentials | undefined {
  const r = ProviderCredentialsSchema.safeParse(value)
  return r.success ? r.data : undefined
}

/**
 * What a text goes out from at this provider, as the adapters send it (recorded per attempt): Twilio's
 * Messaging Service when one is set (it picks the number), else the sender name or number; undefined
 * for the provider's default sender.
 */
export function senderOf(creds: ProviderCredentials): string | undefined {
  if (creds.provider === 'twilio' && creds.messagingServiceSid) return `Messaging Service ${creds.messagingServiceSid}`
  return creds.sender
}
