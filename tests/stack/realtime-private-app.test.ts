/**
 * The app's Realtime topics on the local stack, with the real migrations and demo seed: private
 * channels authorised by RLS on realtime.messages (20261203004100) the way Supabase Realtime does —
 * a refused join answers `Unauthorized: You do not have permissions to read from this Channel topic:
 * <topic>`, a refused send is dropped without a reply — and only the database sends.
 */
import { createHash } from 'node:crypto'
import type { SupabaseClient } from '@supabase/supabase-js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CHANGED_EVENT, orgTopic, PRIVATE_CHANNEL } from '../../lib/realtime/topics'
import { AURORA, BIRCH, PASSWORD, startAppStack } from '../integration/helpers'
import type { TestStack } from './harness'
import { closeClients, Inbox, rtClient, sleep, subscribed } from './realtime-helpers'

let t: TestStack
beforeAll(async () => {
  t = await startAppStack()
})
afterEach(closeClients)
afterAll(async () => {
  await t?.close()
})

const sha = (s: string) => createHash('sha256').update(s).digest('hex')
const LIVE = `track:${sha('demo-aurora-track-0001')}`
const unauthorized = (topic: string) =>
  `Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`
const ACK = { config: { private: true, broadcast: { ack: true, self: true } } }

/** A realtime client running as the person's access token (password sign-in through the stack). */
async function member(email: string): Promise<SupabaseClient> {
  const r = await fetch(`${t.url}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: { apikey: t.cfg.anonKey, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  const { access_token } = (await r.json()) as { access_token: string }
  expect(access_token).toBeTruthy()
  return rtClient(t, access_token)
}

describe('anon (the tracking page)', () => {
  it('joins the private topic of a live tracking token and receives what the database sends', async () => {
    const got = new Inbox()
    await subscribed((await rtClient(t)).channel(LIVE, PRIVATE_CHANNEL).on('broadcast', { event: '*' }, got.push))
    await t.sql(`select app.broadcast_order_progress(order_id) from order_tracking_tokens where token_hash = $1`, [
      LIVE.slice('track:'.length),
    ])
    expect((await got.next()).event).toBe('order_progress')
  })

  it('cannot join a tracking topic with a wrong hash, a revoked token or the raw token', async () => {
    const c = await rtClient(t)
    const wrong = `track:${sha('not-a-token')}`
    await expect(subscribed(c.channel(wrong, PRIVATE_CHANNEL))).rejects.toThrow(unauthorized(wrong))
    await expect(subscribed(c.channel('track:demo-aurora-track-0001', PRIVATE_CHANNEL))).rejects.toThrow(
      /^Unauthorized: /,
    )
    const [tok] = await t.sql<{ id: string; token_hash: string }>(
      `insert into order_tracking_tokens (org_id, order_id, token_hash, label, revoked_at)
       select org_id, order_id, $1, 'revoked', now() from order_tracking_tokens where token_hash = $2
       returning id, token_hash`,
      [sha('revoked-token'), LIVE.slice('track:'.length)],
    )
    await expect(subscribed(c.channel(`track:${tok.token_hash}`, PRIVATE_CHANNEL))).rejects.toThrow(/^Unauthorized: /)
  })

  it('cannot send into a tracking topic: the fake order_progress is dropped, unacknowledged', async () => {
    const watcher = new Inbox()
    await subscribed((await rtClient(t)).channel(LIVE, PRIVATE_CHANNEL).on('broadcast', { event: '*' }, watcher.push))
    const attacker = await subscribed((await rtClient(t)).channel(LIVE, ACK))
    const fake = { type: 'broadcast' as const, event: 'order_progress', payload: { status: 'delivered' } }
    expect(await attacker.send(fake, { timeout: 800 })).toBe('timed out')
    // the REST broadcast endpoint with the anon key: accepted (202, as Realtime) and dropped
    const rest = await fetch(`${t.url}/realtime/v1/api/broadcast`, {
      method: 'POST',
      headers: { apikey: t.cfg.anonKey, authorization: `Bearer ${t.cfg.anonKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [{ topic: LIVE, event: 'order_progress', payload: fake.payload, private: true }],
      }),
    })
    expect(rest.status).toBe(202)
    await sleep(300)
    expect(watcher.items).toEqual([])
  })

  it("cannot join an organisation's topics", async () => {
    const c = await rtClient(t)
    for (const topic of [orgTopic(AURORA, 'board'), orgTopic(AURORA, 'floor'), orgTopic(BIRCH, 'board')]) {
      await expect(subscribed(c.channel(topic, PRIVATE_CHANNEL))).rejects.toThrow(unauthorized(topic))
    }
  })

  it('hears nothing of the database on the public channel of the same name', async () => {
    const got = new Inbox()
    await subscribed((await rtClient(t)).channel(LIVE).on('broadcast', { event: '*' }, got.push))
    await t.sql(`select app.broadcast_order_progress(order_id) from order_tracking_tokens where token_hash = $1`, [
      LIVE.slice('track:'.length),
    ])
    await sleep(300)
    expect(got.items).toEqual([])
  })
})

describe('members', () => {
  it("a member of one organisation cannot join another's topics", async () => {
    const birch = await member('owner@birch.test')
    await subscribed(birch.channel(orgTopic(BIRCH, 'board'), PRIVATE_CHANNEL))
    for (const topic of [orgTopic(AURORA, 'board'), orgTopic(AURORA, 'floor')]) {
      await expect(subscribed(birch.channel(topic, PRIVATE_CHANNEL))).rejects.toThrow(unauthorized(topic))
    }
  })

  it('a member receives what the database sends on their board, and cannot send there', async () => {
    const manager = await member('manager@aurora.test')
    const got = new Inbox()
    const ch = await subscribed(
      manager.channel(orgTopic(AURORA, 'board'), ACK).on('broadcast', { event: CHANGED_EVENT }, got.push),
    )
    const [b] = await t.sql<{ id: string }>(
      `update batches set priority = priority
        where id = (select id from batches where org_id = $1 and not is_complete order by id limit 1) returning id`,
      [AURORA],
    )
    expect((await got.next((m) => m.payload.id === b.id)).payload).toEqual({ table: 'batches', op: 'UPDATE', id: b.id })
    expect(
      await ch.send({ type: 'broadcast', event: CHANGED_EVENT, payload: { forged: true } }, { timeout: 800 }),
    ).toBe('timed out')
    expect(got.items.some((m) => m.payload.forged)).toBe(false)
  })
})
