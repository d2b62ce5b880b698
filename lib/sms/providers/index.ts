/**
 * The three adapters by name. Failover order and credentials are per organisation (sms-core);
 * ask `canDeliverTo` before `send` (Semaphore reaches Philippine mobiles only).
 */
import { movider } from './movider'
import { semaphore } from './semaphore'
import { twilio } from './twilio'
import type { ProviderName, SmsProvider } from './types'

export const providers: Readonly<Record<ProviderName, SmsProvider>> = { semaphore, twilio, movider }

export type * from './types'
export { DEFAULT_BASE_URLS, PROVIDER_NAMES } from './types'
