/**
 * The three SMS adapters (lib/sms/providers) against recorded provider answers
 * (tests/unit/fixtures/sms, from the providers' documentation): what each sends on the wire, and
 * how each answer is classified: sent, retryable (timeout, network, 5xx, 429 with Retry-After) or
 * permanent (invalid number, unsubscribed, credentials) with the provider's reason.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { providerBaseUrl } from '../../lib/sms/providers/config'
import { parseCredentials } from '../../lib/sms/providers/credentials'
import { retryAfterSeconds } from '../../lib/sms/providers/http'
import { providers } from '../../lib/sms/providers/index'
import { twilioSignature } from '../../lib/sms/providers/twilio-signature'
import type {
  MoviderCredentials,
  SemaphoreCredentials,
  SendRequest,
  TwilioCredentials,
} from '../../lib/sms/providers/types'

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'sms')

interface Fixture {
  status: number
  headers: Record<string, string>
  body: unknown
}

function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'))
}

interface Seen {
  url: string
  method: string
  headers: Headers
  body: string
}

/** A fetch that answers with one fixture and remembers the request. */
function replay(name: string) {
  const seen: Seen[] = []
  const f = fixture(name)
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    seen.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: init?.body ? String(init.body) : '',
    })
    const text = typeof f.body === 'string' ? f.body : JSON.stringify(f.body)
    return new Response(text, { status: f.status, headers: f.headers })
  }) as typeof fetch
  return { fetch: fetchImpl, seen }
}

const hangs = (async (_input: string | URL | Request, init?: RequestInit) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
  })) as typeof fetch

const refuses = (async () => {
  throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') })
}) as typeof fetch

const SEMAPHORE: SemaphoreCredentials = {
  provider: 'semaphore',
  apiKey: 'sem-key',
  sender: 'FLOORLINE',
  baseUrl: 'https://sem.test',
}
const TWILIO: TwilioCredentials = {
  provider: 'twilio',
  accountSid: `AC${'a'.repeat(32)}`,
  authToken: 'tw-token',
  sender: '+15557122661',
  baseUrl: 'https://tw.test',
}
const MOVIDER: MoviderCredentials = {
  provider: 'movider',
  apiKey: 'mv-key',
  apiSecret: 'mv-secret',
  sender: 'MOVIDER',
  baseUrl: 'https://mv.test',
}

const PH: SendRequest = { messageId: 'm-1', to: '+639171234567', body: 'Your order B-1042 is ready for pickup.' }
const US: SendRequest = { messageId: 'm-2', to: '+15558675310', body: 'Your order B-1042 is ready for pickup.' }

describe('Semaphore', () => {
  const { semaphore } = providers

  it('reaches Philippine mobile numbers only', () => {
    expect(semaphore.canDeliverTo('+639171234567')).toBe(true)
    expect(semaphore.canDeliverTo('+15558675310')).toBe(false)
    expect(semaphore.canDeliverTo('+6328123456')).toBe(false)
  })

  it('posts apikey, number, message and sendername to /api/v4/messages and reads the queued message', async () => {
    const r = replay('semaphore/send-queued')
    const out = await semaphore.send(PH, SEMAPHORE, { fetch: r.fetch })
    expect(out).toMatchObject({
      kind: 'sent',
      providerMessageId: '1234567',
      providerStatus: 'Queued',
      costMicros: 1_000_000,
      currency: 'credits',
    })
    expect(r.seen[0].url).toBe('https://sem.test/api/v4/messages')
    expect(r.seen[0].method).toBe('POST')
    expect(Object.fromEntries(new URLSearchParams(r.seen[0].body))).toEqual({
      apikey: 'sem-key',
      number: '639171234567',
      message: PH.body,
      sendername: 'FLOORLINE',
    })
  })

  it('refuses a number out of its reach without calling it', async () => {
    const r = replay('semaphore/send-queued')
    const out = await semaphore.send(US, SEMAPHORE, { fetch: r.fetch })
    expect(out).toMatchObject({ kind: 'permanent', error: expect.stringMatching(/Philippine/) })
    expect(r.seen).toHaveLength(0)
  })

  it('refuses a text starting with TEST, which Semaphore would silently drop', async () => {
    const out = await semaphore.send({ ...PH, body: 'Test: hello' }, SEMAPHORE, {
      fetch: replay('semaphore/send-queued').fetch,
    })
    expect(out).toMatchObject({ kind: 'permanent', error: expect.stringMatching(/TEST/) })
    const fine = await semaphore.send({ ...PH, body: 'Testimonial please' }, SEMAPHORE, {
      fetch: replay('semaphore/send-queued').fetch,
    })
    expect(fine.kind).toBe('sent')
  })

  it('reads field errors sent with HTTP 200 as permanent, with Semaphore’s words', async () => {
    expect(await semaphore.send(PH, SEMAPHORE, { fetch: replay('semaphore/invalid-number').fetch })).toMatchObject({
      kind: 'permanent',
      error: 'Semaphore: The number format is invalid.',
      providerCode: 'number',
      httpStatus: 200,
    })
    expect(await semaphore.send(PH, SEMAPHORE, { fetch: replay('semaphore/invalid-sendername').fetch })).toMatchObject({
      kind: 'permanent',
      error: 'Semaphore: The selected sendername is invalid.',
    })
    expect(await semaphore.send(PH, SEMAPHORE, { fetch: replay('semaphore/invalid-apikey').fetch })).toMatchObject({
      kind: 'permanent',
      error: expect.stringMatching(/API key.*apikey is invalid/),
    })
  })

  it('retries a rate limit after Retry-After and a 5xx', async () => {
    expect(await semaphore.send(PH, SEMAPHORE, { fetch: replay('semaphore/rate-limited').fetch })).toMatchObject({
      kind: 'retryable',
      httpStatus: 429,
      retryAfterSeconds: 40,
    })
    expect(await semaphore.send(PH, SEMAPHORE, { fetch: replay('semaphore/server-error').fetch })).toMatchObject({
      kind: 'retryable',
      httpStatus: 502,
    })
  })

  it('sends an OTP through /api/v4/otp with our code, two credits a part', async () => {
    const r = replay('semaphore/otp-pending')
    const out = await semaphore.sendOtp?.({ ...PH, body: 'Your Floorline code is {otp}', code: '482913' }, SEMAPHORE, {
      fetch: r.fetch,
    })
    expect(out).toMatchObject({ kind: 'sent', providerMessageId: '200112345', costMicros: 2_000_000 })
    expect(r.seen[0].url).toBe('https://sem.test/api/v4/otp')
    expect(new URLSearchParams(r.seen[0].body).get('code')).toBe('482913')
    expect(new URLSearchParams(r.seen[0].body).get('message')).toBe('Your Floorline code is {otp}')
    const noPlaceholder = await semaphore.sendOtp?.({ ...PH, body: 'Code 482913', code: '482913' }, SEMAPHORE)
    expect(noPlaceholder).toMatchObject({ kind: 'permanent', error: expect.stringMatching(/\{otp\}/) })
  })

  it('polls a message (no delivery reports): Sent is Semaphore’s delivered', async () => {
    const r = replay('semaphore/message-sent')
    expect(await semaphore.fetchStatus?.('1234567', SEMAPHORE, { fetch: r.fetch })).toEqual({
      ok: true,
      providerMessageId: '1234567',
      status: 'DELIVERED',
      providerStatus: 'Sent',
    })
    expect(r.seen[0].url).toBe('https://sem.test/api/v4/messages/1234567?apikey=sem-key')
    expect(semaphore.parseStatusCallback({ headers: new Headers(), body: '', url: 'https://x' }, SEMAPHORE).ok).toBe(
      false,
    )
  })

  it('reads the credit balance', async () => {
    expect(await semaphore.balance?.(SEMAPHORE, { fetch: replay('semaphore/account').fetch })).toMatchObject({
      ok: true,
      amount: 5000,
      currency: 'credits',
    })
  })
})

describe('Twilio', () => {
  const { twilio } = providers

  it('posts To, From, Body and StatusCallback with Basic auth and reads the queued message', async () => {
    const r = replay('twilio/create-queued')
    const out = await twilio.send({ ...US, statusCallbackUrl: 'https://app.test/api/sms/status/twilio?m=1' }, TWILIO, {
      fetch: r.fetch,
    })
    expect(out).toMatchObject({
      kind: 'sent',
      providerMessageId: 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      providerStatus: 'queued',
    })
    expect(out).not.toHaveProperty('costMicros') // price is null until Twilio has priced it
    expect(r.seen[0].url).toBe(`https://tw.test/2010-04-01/Accounts/${TWILIO.accountSid}/Messages.json`)
    expect(r.seen[0].headers.get('authorization')).toBe(
      `Basic ${Buffer.from(`${TWILIO.accountSid}:tw-token`).toString('base64')}`,
    )
    expect(Object.fromEntries(new URLSearchParams(r.seen[0].body))).toEqual({
      To: '+15558675310',
      From: '+15557122661',
      Body: US.body,
      StatusCallback: 'https://app.test/api/sms/status/twilio?m=1',
    })
  })

  it('sends through a Messaging Service instead of From when one is set', async () => {
    const r = replay('twilio/create-queued')
    await twilio.send(US, { ...TWILIO, messagingServiceSid: `MG${'b'.repeat(32)}` }, { fetch: r.fetch })
    const sent = new URLSearchParams(r.seen[0].body)
    expect(sent.get('MessagingServiceSid')).toBe(`MG${'b'.repeat(32)}`)
    expect(sent.has('From')).toBe(false)
  })

  it('classifies invalid numbers, unsubscribed recipients and bad credentials as permanent', async () => {
    expect(await twilio.send(US, TWILIO, { fetch: replay('twilio/invalid-to-21211').fetch })).toMatchObject({
      kind: 'permanent',
      providerCode: '21211',
      httpStatus: 400,
      error: "Twilio 21211: Invalid 'To' Phone Number: +1555867XXXX",
    })
    expect(await twilio.send(US, TWILIO, { fetch: replay('twilio/unsubscribed-21610').fetch })).toMatchObject({
      kind: 'permanent',
      providerCode: '21610',
      error: expect.stringMatching(/unsubscribed/),
    })
    expect(await twilio.send(US, TWILIO, { fetch: replay('twilio/auth-20003').fetch })).toMatchObject({
      kind: 'permanent',
      providerCode: '20003',
      httpStatus: 401,
    })
  })

  it('retries 20429 after Retry-After, and 5xx', async () => {
    expect(await twilio.send(US, TWILIO, { fetch: replay('twilio/rate-limit-20429').fetch })).toMatchObject({
      kind: 'retryable',
      providerCode: '20429',
      retryAfterSeconds: 7,
    })
    expect(await twilio.send(US, TWILIO, { fetch: replay('twilio/server-error-20500').fetch })).toMatchObject({
      kind: 'retryable',
      httpStatus: 500,
    })
  })

  it('fetches a message’s state with its price and error', async () => {
    expect(
      await twilio.fetchStatus?.('SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', TWILIO, {
        fetch: replay('twilio/fetch-undelivered').fetch,
      }),
    ).toMatchObject({
      ok: true,
      status: 'FAILED',
      providerStatus: 'undelivered',
      error: expect.stringMatching(/30003/),
    })
  })

  it('reads the balance', async () => {
    expect(await twilio.balance?.(TWILIO, { fetch: replay('twilio/balance').fetch })).toMatchObject({
      ok: true,
      amount: 0.05,
      currency: 'USD',
    })
  })

  describe('status callbacks', () => {
    const url = 'https://app.test/api/sms/status/twilio?org=o1'
    const fields: [string, string][] = [
      ['AccountSid', TWILIO.accountSid],
      ['From', '+15557122661'],
      ['MessageSid', 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
      ['MessageStatus', 'delivered'],
      ['SmsSid', 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
      ['SmsStatus', 'delivered'],
      ['To', '+15558675310'],
      ['ApiVersion', '2010-04-01'],
    ]
    const body = new URLSearchParams(fields).toString()
    const signed = (sig: string) =>
      new Headers({ 'x-twilio-signature': sig, 'content-type': 'application/x-www-form-urlencoded' })

    it('matches the signature vector of Twilio’s webhook security guide', () => {
      const sig = twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', [
        ['CallSid', 'CA1234567890ABCDE'],
        ['Caller', '+12349013030'],
        ['Digits', '1234'],
        ['From', '+12349013030'],
        ['To', '+18005551212'],
      ])
      expect(sig).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=')
    })

    it('accepts a correctly signed report and maps its status', () => {
      const sig = twilioSignature(TWILIO.authToken, url, fields)
      expect(twilio.parseStatusCallback({ headers: signed(sig), body, url }, TWILIO)).toEqual({
        ok: true,
        providerMessageId: 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        status: 'DELIVERED',
        providerStatus: 'delivered',
      })
    })

    it('accepts Twilio signing the URL with an explicit default port', () => {
      const sig = twilioSignature(TWILIO.authToken, 'https://app.test:443/api/sms/status/twilio?org=o1', fields)
      expect(twilio.parseStatusCallback({ headers: signed(sig), body, url }, TWILIO).ok).toBe(true)
    })

    it('refuses a missing, forged or tampered signature, and another URL', () => {
      const sig = twilioSignature(TWILIO.authToken, url, fields)
      expect(twilio.parseStatusCallback({ headers: new Headers(), body, url }, TWILIO)).toEqual({
        ok: false,
        reason: 'No X-Twilio-Signature header',
      })
      const forged = twilioSignature('not-the-token', url, fields)
      expect(twilio.parseStatusCallback({ headers: signed(forged), body, url }, TWILIO).ok).toBe(false)
      const tampered = body.replace('MessageStatus=delivered', 'MessageStatus=failed')
      expect(twilio.parseStatusCallback({ headers: signed(sig), body: tampered, url }, TWILIO).ok).toBe(false)
      expect(twilio.parseStatusCallback({ headers: signed(sig), body, url: `${url}&org=o2` }, TWILIO).ok).toBe(false)
    })

    it('reports a failure with its error code', () => {
      const failed: [string, string][] = [
        ['MessageSid', 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
        ['MessageStatus', 'undelivered'],
        ['ErrorCode', '30003'],
      ]
      const sig = twilioSignature(TWILIO.authToken, url, failed)
      expect(
        twilio.parseStatusCallback({ headers: signed(sig), body: new URLSearchParams(failed).toString(), url }, TWILIO),
      ).toMatchObject({ ok: true, status: 'FAILED', error: 'Twilio error 30003' })
    })
  })
})

describe('Movider', () => {
  const { movider } = providers

  it('posts api_key, api_secret, to, text, from and the callback, and reads message id and price', async () => {
    const r = replay('movider/send-ok')
    const out = await movider.send(
      { ...PH, statusCallbackUrl: 'https://app.test/api/sms/status/movider?k=s' },
      MOVIDER,
      {
        fetch: r.fetch,
      },
    )
    expect(out).toMatchObject({
      kind: 'sent',
      providerMessageId: 'j9sPvkZrHFjFPH0p9UUXJM',
      costMicros: 14063,
      currency: 'USD',
    })
    expect(r.seen[0].url).toBe('https://mv.test/v1/sms')
    expect(Object.fromEntries(new URLSearchParams(r.seen[0].body))).toEqual({
      api_key: 'mv-key',
      api_secret: 'mv-secret',
      to: '639171234567',
      text: PH.body,
      from: 'MOVIDER',
      callback_url: 'https://app.test/api/sms/status/movider?k=s',
      callback_method: 'POST',
    })
  })

  it('treats a number in bad_phone_number_list as permanent', async () => {
    expect(await movider.send(PH, MOVIDER, { fetch: replay('movider/bad-number').fetch })).toMatchObject({
      kind: 'permanent',
      error: 'Movider refused the number: Invalid phone number',
    })
  })

  it('classifies credentials as permanent; an empty balance, 429 and 5xx as retryable', async () => {
    expect(await movider.send(PH, MOVIDER, { fetch: replay('movider/unauthorized').fetch })).toMatchObject({
      kind: 'permanent',
      httpStatus: 401,
      error: expect.stringMatching(/Unauthorized/),
    })
    expect(await movider.send(PH, MOVIDER, { fetch: replay('movider/insufficient-balance').fetch })).toMatchObject({
      kind: 'retryable',
      providerCode: '1001',
    })
    expect(await movider.send(PH, MOVIDER, { fetch: replay('movider/rate-limited').fetch })).toMatchObject({
      kind: 'retryable',
      retryAfterSeconds: 2,
    })
    expect(await movider.send(PH, MOVIDER, { fetch: replay('movider/server-error').fetch })).toMatchObject({
      kind: 'retryable',
      httpStatus: 503,
    })
  })

  it('parses a delivery report, POST form or GET query', () => {
    const report = readFileSync(path.join(FIXTURES, 'movider', 'dlr-delivered.txt'), 'utf8').trim()
    const expected = {
      ok: true,
      providerMessageId: 'ABCDEFGHIJKLMNOP',
      status: 'DELIVERED',
      providerStatus: 'DELIVERIED',
    }
    expect(
      movider.parseStatusCallback({ headers: new Headers(), body: report, url: 'https://app.test/cb' }, MOVIDER),
    ).toEqual(expected)
    expect(
      movider.parseStatusCallback({ headers: new Headers(), body: '', url: `https://app.test/cb?${report}` }, MOVIDER),
    ).toEqual(expected)
    expect(
      movider.parseStatusCallback(
        { headers: new Headers(), body: 'message_id=X&status=FAIL&detail=UNDELIVERED', url: 'https://app.test/cb' },
        MOVIDER,
      ),
    ).toMatchObject({ ok: true, status: 'FAILED', error: 'Movider: UNDELIVERED' })
    expect(
      movider.parseStatusCallback({ headers: new Headers(), body: 'status=OK', url: 'https://x' }, MOVIDER).ok,
    ).toBe(false)
  })

  it('reads the balance', async () => {
    expect(await movider.balance?.(MOVIDER, { fetch: replay('movider/balance').fetch })).toMatchObject({
      ok: true,
      amount: 420.69,
      currency: 'USD',
    })
  })
})

describe('every adapter', () => {
  const creds = { semaphore: SEMAPHORE, twilio: TWILIO, movider: MOVIDER }

  it.each(Object.values(providers))('$name: a timeout is retryable and says how long it waited', async (p) => {
    const out = await p.send(PH, creds[p.name], { fetch: hangs, timeoutMs: 30 })
    expect(out).toMatchObject({ kind: 'retryable', error: 'No answer within 30 ms' })
    expect(out.latencyMs).toBeGreaterThanOrEqual(25)
  })

  it.each(Object.values(providers))('$name: a refused connection is retryable', async (p) => {
    expect(await p.send(PH, creds[p.name], { fetch: refuses })).toMatchObject({
      kind: 'retryable',
      error: expect.stringMatching(/ECONNREFUSED/),
    })
  })

  it.each(Object.values(providers))('$name: another provider’s credentials are refused', async (p) => {
    const other = p.name === 'twilio' ? MOVIDER : TWILIO
    expect(await p.send(PH, other, { fetch: refuses })).toMatchObject({ kind: 'permanent' })
  })
})

describe('configuration', () => {
  it('resolves the API origin: credentials, per-provider env, gateway env, local stack in dev, real API', () => {
    expect(providerBaseUrl('twilio', 'https://x.test', { SMS_TWILIO_BASE_URL: 'https://y.test' })).toBe(
      'https://x.test',
    )
    expect(
      providerBaseUrl('twilio', undefined, { SMS_TWILIO_BASE_URL: 'https://y.test', SMS_GATEWAY_URL: 'http://g' }),
    ).toBe('https://y.test')
    expect(providerBaseUrl('movider', undefined, { SMS_GATEWAY_URL: 'http://127.0.0.1:54321' })).toBe(
      'http://127.0.0.1:54321',
    )
    expect(providerBaseUrl('semaphore', undefined, { NODE_ENV: 'development' })).toBe('http://127.0.0.1:54321')
    expect(
      providerBaseUrl('semaphore', undefined, {
        NODE_ENV: 'development',
        NEXT_PUBLIC_SUPABASE_URL: 'https://p.supabase.co',
      }),
    ).toBe('https://api.semaphore.co')
    expect(providerBaseUrl('twilio', undefined, { NODE_ENV: 'production' })).toBe('https://api.twilio.com')
  })

  it('parses stored credentials and drops a stored baseUrl', () => {
    expect(parseCredentials({ provider: 'semaphore', apiKey: 'k', baseUrl: 'https://evil.test' })).toEqual({
      provider: 'semaphore',
      apiKey: 'k',
    })
    expect(parseCredentials({ provider: 'twilio', accountSid: 'nope', authToken: 't' })).toBeUndefined()
    // a missing setting merged in as null or '' is "no sender", not invalid credentials
    expect(parseCredentials({ provider: 'semaphore', apiKey: 'k', sender: null })).toEqual({
      provider: 'semaphore',
      apiKey: 'k',
    })
    expect(
      parseCredentials({
        provider: 'twilio',
        accountSid: `AC${'a'.repeat(32)}`,
        authToken: 't',
        sender: '',
        messagingServiceSid: null,
      }),
    ).toEqual({ provider: 'twilio', accountSid: `AC${'a'.repeat(32)}`, authToken: 't' })
    expect(parseCredentials({ provider: 'movider', apiKey: 'k' })).toBeUndefined()
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterSeconds(new Headers({ 'retry-after': '12' }))).toBe(12)
    const now = Date.parse('Fri, 04 Dec 2026 01:00:00 GMT')
    expect(retryAfterSeconds(new Headers({ 'retry-after': 'Fri, 04 Dec 2026 01:00:30 GMT' }), now)).toBe(30)
    expect(retryAfterSeconds(new Headers({ 'retry-after': 'soon' }))).toBeUndefined()
    expect(retryAfterSeconds(new Headers())).toBeUndefined()
  })
})
