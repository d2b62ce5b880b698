/**
 * A fake of Twilio's 2010-04-01 Messages API: POST/GET .../Accounts/{Sid}/Messages.json,
 * GET .../Messages/{Sid}.json, GET .../Balance.json, HTTP Basic auth as AccountSid:AuthToken.
 * Errors are Twilio's JSON ({code, message, more_info, status}) with its codes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { DEV_TWILIO_ACCOUNT_SID, DEV_TWILIO_AUTH_TOKEN } from './accounts'
import type { ProviderDeps } from './semaphore'
import type { GatewayMessage } from './state'
import { hold, json, parts, randomHex, readParams } from './wire'

const E164 = /^\+[1-9]\d{6,14}$/

function twilioError(res: ServerResponse, status: number, code: number, message: string, headers = {}) {
  json(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, headers)
}

function resource(m: GatewayMessage, sid: string) {
  const date = new Date(m.createdAt).toUTCString().replace('GMT', '+0000')
  const priced = m.state !== 'SENT' || m.status === 'sent'
  return {
    account_sid: sid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: date,
    date_sent: m.status === 'queued' ? null : date,
    date_updated: new Date(m.updatedAt).toUTCString().replace('GMT', '+0000'),
    direction: 'outbound-api',
    error_code: m.state === 'FAILED' ? 30003 : null,
    error_message: m.state === 'FAILED' ? 'Unreachable destination handset' : null,
    from: m.from,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: String(m.segments),
    price: priced ? (-m.price).toFixed(5) : null,
    price_unit: 'USD',
    sid: m.id,
    status: m.status,
    subresource_uris: { media: `/2010-04-01/Accounts/${sid}/Messages/${m.id}/Media.json` },
    to: m.to,
    uri: `/2010-04-01/Accounts/${sid}/Messages/${m.id}.json`,
  }
}

function authorised(req: IncomingMessage): string | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  if (!m) return undefined
  const [user, ...rest] = Buffer.from(m[1], 'base64').toString('utf8').split(':')
  return user === DEV_TWILIO_ACCOUNT_SID && rest.join(':') === DEV_TWILIO_AUTH_TOKEN ? user : undefined
}

export async function handleTwilio(req: IncomingMessage, res: ServerResponse, url: URL, d: ProviderDeps) {
  const p = await readParams(req, url)
  const m = /^\/2010-04-01\/Accounts\/([^/]+)(\/.*)$/.exec(url.pathname)
  if (!m) return twilioError(res, 404, 20404, 'The requested resource was not found')
  const [, pathSid, rest] = m
  const sid = authorised(req)
  if (!sid) return twilioError(res, 401, 20003, 'Authenticate', { 'www-authenticate': 'Basic realm="Twilio API"' })
  if (pathSid !== sid)
    return twilioError(res, 404, 20404, `The requested resource /2010-04-01/Accounts/${pathSid}${rest} was not found`)

  if (req.method === 'POST' && rest === '/Messages.json') {
    const fault = d.state.takeFault('twilio')
    if (fault?.mode === 'timeout') return hold(res, fault.holdMs, d.timers)
    if (fault?.mode === '5xx') return twilioError(res, 500, 20500, 'An internal server error has occurred')
    if (fault?.mode === '429') {
      return twilioError(res, 429, 20429, 'Too Many Requests', { 'retry-after': String(fault.retryAfter) })
    }
    const to = p.get('To') ?? ''
    if (!to) return twilioError(res, 400, 21604, "A 'To' phone number is required.")
    if (!E164.test(to) || fault?.mode === 'permanent')
      return twilioError(res, 400, 21211, `Invalid 'To' Phone Number: ${to}`)
    const from = p.get('From')
    const service = p.get('MessagingServiceSid')
    if (!from && !service) return twilioError(res, 400, 21603, "A 'From' phone number is required.")
    const body = p.get('Body') ?? ''
    if (!body) return twilioError(res, 400, 21602, 'Message body is required.')
    if (body.length > 1600)
      return twilioError(res, 400, 21617, 'The concatenated message body exceeds the 1600 character limit.')
    const callback = p.get('StatusCallback')
    if (callback && !/^https?:\/\//.test(callback)) return twilioError(res, 400, 21609, 'Invalid StatusCallback URL')
    const price = parts(body) * 0.0079
    d.state.balances.twilio = Number((d.state.balances.twilio - price).toFixed(5))
    const msg = d.state.record({
      provider: 'twilio',
      id: `SM${randomHex(32)}`,
      to,
      from: from ?? '+15005550006',
      body,
      status: service ? 'accepted' : 'queued',
      state: 'SENT',
      segments: parts(body),
      price,
      callbackUrl: callback,
    })
    d.log(`twilio → ${msg.to}: ${msg.body}`)
    d.callbacks.schedule(msg, fault?.mode === 'undelivered' ? 'FAILED' : 'DELIVERED')
    return json(res, 201, { ...resource(msg, sid), messaging_service_sid: service })
  }
  if (req.method === 'GET' && rest === '/Messages.json') {
    const list = d.state.messages.filter((x) => x.provider === 'twilio').reverse()
    return json(res, 200, { messages: list.map((x) => resource(x, sid)), page: 0, page_size: 50 })
  }
  const one = /^\/Messages\/(SM[0-9a-f]{32})\.json$/.exec(rest)
  if (req.method === 'GET' && one) {
    const msg = d.state.find('twilio', one[1])
    if (!msg)
      return twilioError(
        res,
        404,
        20404,
        `The requested resource /2010-04-01/Accounts/${sid}/Messages/${one[1]}.json was not found`,
      )
    return json(res, 200, resource(msg, sid))
  }
  if (req.method === 'GET' && rest === '/Balance.json') {
    return json(res, 200, { currency: 'USD', balance: d.state.balances.twilio.toFixed(5), account_sid: sid })
  }
  return twilioError(res, 404, 20404, `The requested resource ${url.pathname} was not found`)
}
