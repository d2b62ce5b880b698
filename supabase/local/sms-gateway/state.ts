/**
 * What the fake gateway remembers, in memory for the life of the stack: every text it "delivered"
 * (the outbox a developer reads OTP codes from), each provider's balance, and the failures it has
 * been told to inject.
 */
import { START_BALANCE } from './accounts'

export type GatewayProvider = 'semaphore' | 'twilio' | 'movider'
export const GATEWAY_PROVIDERS: readonly GatewayProvider[] = ['semaphore', 'twilio', 'movider']

/**
 * timeout: hold the request, answer nothing; 5xx / 429: the provider's own error answer;
 * permanent: its invalid-number answer; undelivered: accept, then report the text as not delivered.
 */
export type FaultMode = 'timeout' | '5xx' | '429' | 'permanent' | 'undelivered'
export const FAULT_MODES: readonly FaultMode[] = ['timeout', '5xx', '429', 'permanent', 'undelivered']

export interface Fault {
  mode: FaultMode
  /** How many more requests fail; undefined = until cleared. */
  remaining?: number
  /** Retry-After for 429 (seconds). */
  retryAfter: number
  /** How long a 'timeout' holds the request before dropping it. */
  holdMs: number
}

export interface CallbackAttempt {
  url: string
  status: string
  at: string
  httpStatus?: number
  error?: string
}

export interface GatewayMessage {
  provider: GatewayProvider
  /** The provider's id for it (Semaphore numeric, Twilio SM…, Movider alphanumeric). */
  id: string
  to: string
  from: string | null
  body: string
  /** The OTP code: the one given to Semaphore's OTP route, else the first 4–8 digit group. */
  otp: string | null
  /** Sent through Semaphore's OTP route (its answers then carry the code). */
  otpRoute: boolean
  /** The provider's own status word now. */
  status: string
  /** The same as SENT / DELIVERED / FAILED. */
  state: 'SENT' | 'DELIVERED' | 'FAILED'
  segments: number
  price: number
  callbackUrl: string | null
  callbacks: CallbackAttempt[]
  createdAt: string
  updatedAt: string
}

export class GatewayState {
  messages: GatewayMessage[] = []
  faults = new Map<GatewayProvider, Fault>()
  balances: Record<GatewayProvider, number> = { ...START_BALANCE }
  callbackDelayMs: number
  private seq = 0

  constructor(callbackDelayMs: number) {
    this.callbackDelayMs = callbackDelayMs
  }

  nextSeq(): number {
    this.seq += 1
    return this.seq
  }

  /** The fault for this request, counting it down. */
  takeFault(provider: GatewayProvider): Fault | undefined {
    const f = this.faults.get(provider)
    if (!f) return undefined
    if (f.remaining !== undefined) {
      f.remaining -= 1
      if (f.remaining <= 0) this.faults.delete(provider)
    }
    return f
  }

  record(
    m: Omit<GatewayMessage, 'otp' | 'otpRoute' | 'callbacks' | 'createdAt' | 'updatedAt'>,
    otp?: string,
  ): GatewayMessage {
    const now = new Date().toISOString()
    const message: GatewayMessage = {
      ...m,
      otp: otp ?? /(?<!\d)(\d{4,8})(?!\d)/.exec(m.body)?.[1] ?? null,
      otpRoute: otp !== undefined,
      callbacks: [],
      createdAt: now,
      updatedAt: now,
    }
    this.messages.push(message)
    return message
  }

  find(provider: GatewayProvider, id: string): GatewayMessage | undefined {
    return this.messages.find((m) => m.provider === provider && m.id === id)
  }

  reset(): void {
    this.messages = []
    this.faults.clear()
    this.balances = { ...START_BALANCE }
  }
}
