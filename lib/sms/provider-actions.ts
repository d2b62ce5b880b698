'use server'
import { z } from 'zod'
import { action } from '@/lib/actions'
import { dbFail, failWith, ok } from '@/lib/errors'
import { parseRpc } from '@/lib/rpc'
import { providers } from '@/lib/sms/providers'
import { parseCredentials } from '@/lib/sms/providers/credentials'
import { createAdminClient } from '@/lib/supabase/admin'
import { CredentialsFormInput, ProviderRefInput } from './schema'

/**
 * Provider credentials (admins+, set_sms_provider: stored in the private table, never answered
 * back) and balances (managers+: the credentials are read by the service role here, on the server,
 * only after the caller's own client has shown it can read the organisation's SMS settings).
 */
export const saveProviderCredentials = action(CredentialsFormInput, async (input, { supabase }) => {
  const { orgId, provider, ...fields } = input
  const credentials = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''))
  const { error } = await supabase.rpc('set_sms_provider', {
    p_org_id: orgId,
    p_provider: provider,
    p_credentials: credentials,
  })
  if (error) return dbFail(error)
  return ok({ saved: true })
})

export const removeProviderCredentials = action(ProviderRefInput, async (input, { supabase }) => {
  const { error } = await supabase.rpc('set_sms_provider', {
    p_org_id: input.orgId,
    p_provider: input.provider,
    p_credentials: null,
  })
  if (error) return dbFail(error)
  return ok({ removed: true })
})

const Config = z.object({ providers: z.array(z.object({ provider: z.string(), credentials: z.unknown() })) }).loose()

export const providerBalance = action(ProviderRefInput, async (input, { supabase }) => {
  const { data: visible } = await supabase.from('sms_settings').select('org_id').eq('org_id', input.orgId).maybeSingle()
  if (!visible) return failWith('FORBIDDEN', 'Balances are for managers and above')
  const adapter = providers[input.provider]
  if (!adapter.balance) return failWith('RULE_VIOLATION', 'This provider does not tell its balance', { status: 422 })
  const { data, error } = await createAdminClient().rpc('sms_provider_config', { p_org_id: input.orgId })
  if (error) return dbFail(error)
  const stored = parseRpc(Config, data, 'sms_provider_config').providers.find((p) => p.provider === input.provider)
  const creds = parseCredentials(stored?.credentials)
  if (!creds) return failWith('RULE_VIOLATION', 'No credentials stored for this provider', { status: 422 })
  const b = await adapter.balance(creds, { timeoutMs: 5000 })
  return b.ok ? ok({ amount: b.amount, currency: b.currency }) : failWith('UNAVAILABLE', b.error)
})
