/**
 * Replies from a phone, posted to the app the way each provider posts an incoming text (the URL a
 * workshop would set in the provider's console), so the app's STOP route is tested end to end:
 *   POST /sms/v1/inbound {provider, url, from, body, to?, messageId?} → {status, headers, answer}
 * - Twilio: the incoming-message webhook, a form POST (AccountSid, ApiVersion, Body, From,
 *   MessageSid, NumMedia, NumSegments, SmsMessageSid, SmsSid, SmsStatus=received, To, and
 *   OptOutType=STOP|START for Twilio's opt-out keywords), signed with X-Twilio-Signature by this
 *   gateway's own signer (callbacks.ts). Twilio expects TwiML back.
 * - Movider: it documents delivery reports (form POST or GET, unsigned, answered with
 *   {"status":"OK","detail":""}) but no inbound webhook; this posts a reply in the same manner
 *   (from, to, text, message_id, received_date, lower-case, numbers without +), unsigned.
 * - Semaphore: its API has no inbound messages at all (sender names are one-way), so 400.
 * The answer is returned as it came, so a test can check the format the provider would get.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { HttpError } from '../http'
import { DEV_TWILIO_ACCOUNT_SID, DEV_TWILIO_AUTH_TOKEN, DEV_TWILIO_FROM } from './accounts'
import { signTwilio } from './callbacks'

const TWILIO_STOP = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']
const TWILIO_START = ['START', 'UNSTOP', 'YES']

export async function postInbound(
  body: unknown,
): Promise<{ status: number; headers: Record<string, string>; answer: string; messageId: string }> {
  const b = (body ?? {}) as Record<string, unknown>
  const provider = b.provider
  const url = typeof b.url === 'string' ? b.url : ''
  const from = typeof b.from === 'string' ? b.from.trim() : ''
  const text = typeof b.body === 'string' ? b.body : ''
  if (!/^https?:\/\//.test(url)) throw new HttpError(400, { message: 'url: where the provider would post the reply' })
  if (!/^\+[1-9][0-9]{6,14}$/.test(from)) throw new HttpError(400, { message: 'from: the phone, in E.164' })
  if (provider === 'semaphore') {
    throw new HttpError(400, { message: 'Semaphore forwards no replies: its API has no inbound messages' })
  }
  let req: { body: string; headers: Record<string, string>; messageId: string }
  if (provider === 'twilio') {
    const sid = typeof b.messageId === 'string' ? b.messageId : `SM${randomBytes(16).toString('hex')}`
    const word = text.trim().split(/\s+/)[0]?.toUpperCase() ?? ''
    const fields: [string, string][] = [
      ['AccountSid', DEV_TWILIO_ACCOUNT_SID],
      ['ApiVersion', '2010-04-01'],
      ['Body', text],
      ['From', from],
      ['MessageSid', sid],
      ['NumMedia', '0'],
      ['NumSegments', '1'],
      ['SmsMessageSid', sid],
      ['SmsSid', sid],
      ['SmsStatus', 'received'],
      ['To', typeof b.to === 'string' ? b.to : DEV_TWILIO_FROM],
    ]
    if (TWILIO_STOP.includes(word)) fields.push(['OptOutType', 'STOP'])
    else if (TWILIO_START.includes(word)) fields.push(['OptOutType', 'START'])
    req = {
      body: new URLSearchParams(fields).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilio(DEV_TWILIO_AUTH_TOKEN, url, fields),
        'user-agent': 'TwilioProxy/1.1',
      },
      messageId: sid,
    }
  } else if (provider === 'movider') {
    const id = typeof b.messageId === 'string' ? b.messageId : randomUUID()
    req = {
      body: new URLSearchParams({
        from: from.replace(/^\+/, ''),
        message_id: id,
        received_date: `${new Date().toISOString().replace('T', ' ').slice(0, 19)} +0000 UTC`,
        text,
        to: typeof b.to === 'string' ? b.to : 'FLOORLINE',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Go-http-client/2.0' },
      messageId: id,
    }
  } else {
    throw new HttpError(400, { message: 'provider must be twilio or movider (Semaphore has no inbound messages)' })
  }
  const r = await fetch(url, {
    method: 'POST',
    headers: req.headers,
    body: req.body,
    signal: AbortSignal.timeout(10_000),
  })
  return {
    status: r.status,
    headers: { 'content-type': r.headers.get('content-type') ?? '' },
    answer: await r.text(),
    messageId: req.messageId,
  }
}
