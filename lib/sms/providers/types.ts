/**
 * The contract between the SMS adapters (one file per provider, each speaking that provider's real
 * HTTP API) and whatever sends through them (the worker, the routes). An adapter never throws for
 * something the network or the provider did: every send ends in one SendOutcome, so the caller's
 * failover is a switch on `kind`, not a try/catch that guesses.
 *
 * Credentials come from the organisation's private provider settings (never a browser). `baseUrl`
 * is the provider's API origin; unset means the real one (see DEFAULT_BASE_URLS). Deployments point
 * it at the local fake gateway with the env names resolved by lib/sms/providers/config.ts. It is not
 * a field an organisation should be able to type: an org-chosen URL would make our server call
 * wherever they like (and hand it their credentials).
 */

export type ProviderName = 'semaphore' | 'twilio' | 'movider'

export const PROVIDER_NAMES: readonly ProviderName[] = ['semaphore', 'twilio', 'movider']

/** The providers' real API origins. */
export const DEFAULT_BASE_URLS: Readonly<Record<ProviderName, string>> = {
  semaphore: 'https://api.semaphore.co',
  twilio: 'https://api.twilio.com',
  movider: 'https://api.movider.co',
}

interface CredentialsBase {
  /** API origin, no trailing path (e.g. http://127.0.0.1:54340 for the fake gateway). */
  baseUrl?: string
  /**
   * Who the text is from: Semaphore `sendername` (a registered sender name), Twilio `From` (an
   * E.164 number or alphanumeric id), Movider `from`. Unset: the provider's default sender.
   */
  sender?: string
}

export interface SemaphoreCredentials extends CredentialsBase {
  provider: 'semaphore'
  apiKey: string
}

export interface TwilioCredentials extends CredentialsBase {
  provider: 'twilio'
  accountSid: string
  authToken: string
  /** When set, sent as MessagingServiceSid instead of From (Twilio picks the number). */
  messagingServiceSid?: string
}

export interface MoviderCredentials extends CredentialsBase {
  provider: 'movider'
  apiKey: string
  apiSecret: string
}

/** Discriminated by `provider`: an adapter given another provider's credentials answers 'permanent'. */
export type ProviderCredentials = SemaphoreCredentials | TwilioCredentials | MoviderCredentials

export interface SendRequest {
  /** Our message id (sms_messages.id): logged, and carried to the provider where its API allows. */
  messageId: string
  /** E.164, already normalised (lib/sms/phone.ts). */
  to: string
  body: string
  /** Where the provider should post delivery reports (Twilio StatusCallback, Movider callback_url). */
  statusCallbackUrl?: string
}

/** An OTP text where the provider has an OTP route (Semaphore /api/v4/otp: priority, no rate limit). */
export interface OtpSendRequest extends SendRequest {
  /** The code we generated (CSPRNG) and stored hashed; the provider is told to use it, not invent one. */
  code: string
  /** `body` holds this placeholder where the code goes; Semaphore's is '{otp}'. */
}

export type SendOutcome =
  | {
      kind: 'sent'
      providerMessageId: string
      /** The provider's own word for the state it accepted the message in ('Queued', 'queued', …). */
      providerStatus: string
      /** Millionths of `currency` (or of one provider credit when currency is 'credits'). */
      costMicros?: number
      currency?: string
      latencyMs: number
    }
  | {
      kind: 'retryable'
      /** Timeout, network error, 5xx, 429: another provider (or a later try) may succeed. */
      error: string
      httpStatus?: number
      /** From Retry-After (seconds or HTTP date) when the provider sent one. */
      retryAfterSeconds?: number
      providerCode?: string
      latencyMs: number
    }
  | {
      kind: 'permanent'
      /** Invalid number, blocked/unsubscribed, bad credentials, out of reach: the provider's reason. */
      error: string
      httpStatus?: number
      providerCode?: string
      latencyMs: number
    }

export type CallbackStatus = 'SENT' | 'DELIVERED' | 'FAILED'

export interface CallbackRequest {
  headers: Headers
  /** The raw body as received (form-encoded or JSON). */
  body: string
  /** The full public URL the provider posted to, query string included (Twilio signs it). */
  url: string
}

export type ParsedCallback =
  | {
      ok: true
      providerMessageId: string
      status: CallbackStatus
      /** The provider's own status word ('delivered', 'undelivered', 'DELIVERED', …). */
      providerStatus: string
      error?: string
    }
  | { ok: false; reason: string }

export type BalanceOutcome =
  | { ok: true; amount: number; currency: string /* ISO code, or 'credits' for Semaphore */; latencyMs: number }
  | { ok: false; error: string; retryable: boolean; httpStatus?: number; latencyMs: number }

export interface SendOptions {
  /** Abort the request after this long (default 10 s); a timeout is 'retryable'. */
  timeoutMs?: number
  fetch?: typeof fetch
}

export interface SmsProvider {
  name: ProviderName
  /** Semaphore: Philippine numbers (+63) only. The others: any E.164 number. */
  canDeliverTo(e164: string): boolean
  send(req: SendRequest, creds: ProviderCredentials, opts?: SendOptions): Promise<SendOutcome>
  /**
   * Parse a delivery report. Twilio: verifies X-Twilio-Signature against creds.authToken first.
   * Semaphore and Movider sign nothing: the caller must check a per-org secret it put in the
   * callback URL before trusting what this returns. Replays parse the same way; the caller's
   * status update must be idempotent (never move DELIVERED back to SENT).
   */
  parseStatusCallback(req: CallbackRequest, creds: ProviderCredentials): ParsedCallback
  sendOtp?(req: OtpSendRequest, creds: ProviderCredentials, opts?: SendOptions): Promise<SendOutcome>
  balance?(creds: ProviderCredentials, opts?: SendOptions): Promise<BalanceOutcome>
  /**
   * Ask the provider for one message's state: for providers that post no delivery reports
   * (Semaphore has none: GET /api/v4/messages/{id}), polled by the stragglers job.
   * `ok: false` with a reason when the provider could not say (network, unknown id).
   */
  fetchStatus?(providerMessageId: string, creds: ProviderCredentials, opts?: SendOptions): Promise<ParsedCallback>
}
