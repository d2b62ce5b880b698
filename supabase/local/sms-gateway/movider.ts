/**
 * A fake of Movider's API: POST /v1/sms and POST /v1/balance, form-encoded, credentials as
 * api_key + api_secret. Errors are {error: {code, name, description}}; numbers it will not take are
 * listed in bad_phone_number_list with HTTP 200.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { DEV_MOVIDER_API_KEY, DEV_MOVIDER_API_SECRET } from './accounts'
import type { ProviderDeps } from './semaphore'
import { hold, json, parts, randomAlnum, readParams } from './wire'

const PRICE_PER_PART = 0.0140625

function moviderError(
  res: ServerResponse,
  status: number,
  code: number,
  name: string,
  description: string,
  headers = {},
) {
  json(res, status, { error: { code, name, description } }, headers)
}

export async function handleMovider(req: IncomingMessage, res: ServerResponse, url: URL, d: ProviderDeps) {
  const path = url.pathname.replace(/\/+$/, '')
  if (req.method !== 'POST' || (path !== '/v1/sms' && path !== '/v1/balance')) {
    return moviderError(
      res,
      404,
      404,
      'NotFound',
      `${req.method} ${path} is not part of the fake Movider (POST /v1/sms, /v1/balance)`,
    )
  }
  const p = await readParams(req, url)
  if (p.get('api_key') !== DEV_MOVIDER_API_KEY || p.get('api_secret') !== DEV_MOVIDER_API_SECRET) {
    return moviderError(res, 401, 401, 'Unauthorized', 'The API key or API secret is incorrect.')
  }
  if (path === '/v1/balance')
    return json(res, 200, { type: 'USD', amount: Number(d.state.balances.movider.toFixed(8)) })

  const fault = d.state.takeFault('movider')
  if (fault?.mode === 'timeout') return hold(res, fault.holdMs, d.timers)
  if (fault?.mode === '5xx')
    return moviderError(res, 503, 503, 'ServiceUnavailable', 'Service temporarily unavailable.')
  if (fault?.mode === '429') {
    return moviderError(res, 429, 429, 'TooManyRequests', 'Too many requests.', {
      'retry-after': String(fault.retryAfter),
    })
  }
  const text = p.get('text') ?? ''
  if (!text) return moviderError(res, 400, 400, 'BadRequest', 'text is required.')
  const numbers = (p.get('to') ?? '')
    .split(',')
    .map((n) => n.trim().replace(/^\+/, ''))
    .filter(Boolean)
  if (numbers.length === 0) return moviderError(res, 400, 400, 'BadRequest', 'to is required.')
  const good: { number: string; message_id: string; price: number }[] = []
  const bad: { number: string; msg: string }[] = []
  const price = Number((parts(text) * PRICE_PER_PART).toFixed(8))
  for (const number of numbers) {
    if (!/^[1-9]\d{6,14}$/.test(number) || fault?.mode === 'permanent') {
      bad.push({ number, msg: 'Invalid phone number' })
      continue
    }
    if (d.state.balances.movider < price) {
      return moviderError(res, 400, 1001, 'InsufficientBalance', 'Your balance is not enough to send this message.')
    }
    d.state.balances.movider -= price
    const m = d.state.record({
      provider: 'movider',
      id: randomAlnum(22),
      to: `+${number}`,
      from: p.get('from') || 'MOVIDER',
      body: text,
      status: 'ACCEPTED',
      state: 'SENT',
      segments: parts(text),
      price,
      callbackUrl: p.get('callback_url') || null,
    })
    d.log(`movider → ${m.to}: ${m.body}`)
    d.callbacks.schedule(m, fault?.mode === 'undelivered' ? 'FAILED' : 'DELIVERED', p.get('callback_method') ?? 'GET')
    good.push({ number, message_id: m.id, price })
  }
  return json(res, 200, {
    remaining_balance: Number(d.state.balances.movider.toFixed(8)),
    total_sms: good.length,
    phone_number_list: good,
    bad_phone_number_list: bad,
  })
}
