import 'server-only'
import { z } from 'zod'
import { parseRpc } from '@/lib/rpc'
import { providers } from '@/lib/sms/providers'
import { parseCredentials } from '@/lib/sms/providers/credentials'
import type { AppClient } from '@/lib/supabase/types'

/**
 * Providers that post no delivery reports (Semaphore) are asked instead: sms_stragglers hands out
 * SENT messages of such providers not checked in the last 5 minutes (and marks them checked, skip
 * locked, so two cron calls never ask twice), each is polled with the adapter's fetchStatus, and
 * what it says goes through sms_apply_status like a callback — forward only.
 */
const Stragglers = z.array(
  z.object({
    id: z.string().uuid(),
    org_id: z.string().uuid(),
    provider: z.enum(['semaphore', 'twilio', 'movider']),
    provider_message_id: z.string(),
  }),
)
const Config = z.object({ providers: z.array(z.object({ provider: z.string(), credentials: z.unknown() })) }).loose()

export async function pollStragglers(admin: AppClient, limit = 50): Promise<{ checked: number; applied: number }> {
  const { data, error } = await admin.rpc('sms_stragglers', { p_limit: limit })
  if (error) {
    console.error('[sms stragglers]', error.message)
    return { checked: 0, applied: 0 }
  }
  const due = parseRpc(Stragglers, data, 'sms_stragglers')
  const configs = new Map<string, Promise<z.output<typeof Config> | null>>()
  let applied = 0
  for (const m of due) {
    const adapter = providers[m.provider]
    if (!adapter.fetchStatus) continue
    let config = configs.get(m.org_id)
    if (!config) {
      config = Promise.resolve(admin.rpc('sms_provider_config', { p_org_id: m.org_id })).then((r) =>
        r.error ? null : parseRpc(Config, r.data, 'sms_provider_config'),
      )
      configs.set(m.org_id, config)
    }
    const creds = parseCredentials((await config)?.providers.find((p) => p.provider === m.provider)?.credentials)
    if (!creds) continue
    const status = await adapter.fetchStatus(m.provider_message_id, creds, { timeoutMs: 5000 })
    if (!status.ok || status.status === 'SENT') continue
    const r = await admin.rpc('sms_apply_status', {
      p_org_id: m.org_id,
      p_provider: m.provider,
      p_message_id: m.id,
      p_provider_message_id: m.provider_message_id,
      p_status: status.status,
      p_provider_status: status.providerStatus,
      p_error: status.error,
    })
    if (!r.error && (r.data as { applied?: boolean } | null)?.applied) applied += 1
  }
  return { checked: due.length, applied }
}
