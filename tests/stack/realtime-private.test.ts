import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from './harness'
import { closeClients, Inbox, mintToken, rtClient, subscribed } from './realtime-helpers'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterEach(closeClients)
afterAll(async () => {
  await t?.close()
})

const priv = { config: { private: true } }

describe('private channels (RLS on realtime.messages)', () => {
  it("admits a user the SELECT policy allows and refuses others with Realtime's reason", async () => {
    const [alice, bob] = [randomUUID(), randomUUID()]
    await subscribed((await rtClient(t, await mintToken(t, alice))).channel(`user:${alice}`, priv))
    const refused = (await rtClient(t, await mintToken(t, bob))).channel(`user:${alice}`, priv)
    await expect(subscribed(refused)).rejects.toThrow(
      `Unauthorized: You do not have permissions to read from this Channel topic: user:${alice}`,
    )
    await expect(subscribed((await rtClient(t)).channel(`user:${alice}`, priv))).rejects.toThrow(/^Unauthorized: /)
  })

  it('delivers realtime.send() to the private topic only, and public sends to public channels only', async () => {
    const alice = randomUUID()
    const privInbox = new Inbox()
    const pubInbox = new Inbox()
    await subscribed(
      (await rtClient(t, await mintToken(t, alice)))
        .channel(`user:${alice}`, priv)
        .on('broadcast', { event: '*' }, privInbox.push),
    )
    await subscribed((await rtClient(t)).channel(`user:${alice}`).on('broadcast', { event: '*' }, pubInbox.push))

    await t.sql(`select realtime.send('{"n": 1}'::jsonb, 'secret', $1, true)`, [`user:${alice}`])
    await t.sql(`select realtime.send('{"n": 2}'::jsonb, 'open', $1, false)`, [`user:${alice}`])
    const m = await privInbox.next()
    expect(m).toMatchObject({ type: 'broadcast', event: 'secret', payload: { n: 1 } })
    expect(m.meta.id).toMatch(/^[0-9a-f-]{36}$/)
    expect((await pubInbox.next()).event).toBe('open')
    expect(privInbox.items.map((x) => x.event)).toEqual(['secret'])
    expect(pubInbox.items.map((x) => x.event)).toEqual(['open'])
  })

  it('carries realtime.broadcast_changes() from a trigger', async () => {
    const alice = randomUUID()
    const got = new Inbox()
    await subscribed(
      (await rtClient(t, await mintToken(t, alice)))
        .channel(`user:${alice}`, priv)
        .on('broadcast', { event: 'INSERT' }, got.push),
    )
    await t.sql(`insert into rt_board (id, owner, title) values (1, $1, 'plan')`, [alice])
    const m = await got.next()
    expect(m.payload).toMatchObject({
      operation: 'INSERT',
      table: 'rt_board',
      schema: 'public',
      record: { id: 1, owner: alice, title: 'plan' },
      old_record: null,
    })
  })

  it('lets clients broadcast where the INSERT policy allows it, and drops it where it does not', async () => {
    const alice = randomUUID()
    const token = await mintToken(t, alice)
    const got = new Inbox()
    const gotRo = new Inbox()
    const ack = { config: { private: true, broadcast: { ack: true } } }
    await subscribed(
      (await rtClient(t, token)).channel(`user:${alice}`, priv).on('broadcast', { event: '*' }, got.push),
    )
    await subscribed(
      (await rtClient(t, token)).channel(`readonly:${alice}`, priv).on('broadcast', { event: '*' }, gotRo.push),
    )
    const sender = await rtClient(t, token)
    const rw = await subscribed(sender.channel(`user:${alice}`, ack))
    const ro = await subscribed(sender.channel(`readonly:${alice}`, ack))
    expect(await rw.send({ type: 'broadcast', event: 'hi', payload: { ok: true } })).toBe('ok')
    expect((await got.next()).payload).toEqual({ ok: true })
    // Realtime neither relays nor acknowledges a refused write: the ack never comes
    expect(await ro.send({ type: 'broadcast', event: 'hi', payload: {} }, { timeout: 500 })).toBe('timed out')
    expect(gotRo.items).toEqual([])
  })

  it('checks the caller of the REST broadcast against the INSERT policy', async () => {
    const [alice, bob] = [randomUUID(), randomUUID()]
    const got = new Inbox()
    await subscribed(
      (await rtClient(t, await mintToken(t, alice)))
        .channel(`user:${alice}`, priv)
        .on('broadcast', { event: '*' }, got.push),
    )
    const post = async (bearer: string, from: string) =>
      fetch(`${t.url}/realtime/v1/api/broadcast`, {
        method: 'POST',
        headers: { apikey: t.cfg.anonKey, authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          messages: [{ topic: `user:${alice}`, event: 'rest', payload: { from }, private: true }],
        }),
      })
    expect((await post(await mintToken(t, bob), 'bob')).status).toBe(202) // accepted, then dropped
    expect((await post(await mintToken(t, alice), 'alice')).status).toBe(202)
    expect((await post(t.cfg.serviceRoleKey, 'service')).status).toBe(202)
    await got.next((m) => m.payload.from === 'service')
    expect(got.items.map((m) => m.payload.from)).toEqual(['alice', 'service'])
  })
})

describe('tokens', () => {
  it('refuses a join with an expired token', async () => {
    const c = await rtClient(t)
    await c.realtime.setAuth(await mintToken(t, randomUUID(), -10))
    await expect(subscribed(c.channel('expired-join'))).rejects.toThrow(
      /^InvalidJWTToken: Token has expired \d+ seconds ago$/,
    )
  })

  it('closes the channel with a system error when its token expires', async () => {
    const c = await rtClient(t, await mintToken(t, randomUUID(), 2))
    const sys = new Inbox()
    const statuses = new Inbox<string>()
    c.channel('expiring')
      .on('system', {}, sys.push)
      .subscribe((s) => statuses.push(s))
    await statuses.next((s) => s === 'SUBSCRIBED')
    expect(await sys.next((m) => m.status === 'error', 5000)).toMatchObject({
      extension: 'system',
      status: 'error',
      message: expect.stringMatching(/^Token has expired \d+ seconds ago$/),
      channel: 'expiring',
    })
    await statuses.next((s) => s === 'CLOSED')
  })

  it('re-checks private channel permissions when the token changes (setAuth)', async () => {
    const [alice, bob] = [randomUUID(), randomUUID()]
    const c = await rtClient(t)
    await c.realtime.setAuth(await mintToken(t, alice))
    const sys = new Inbox()
    const statuses = new Inbox<string>()
    c.channel(`user:${alice}`, priv)
      .on('system', {}, sys.push)
      .subscribe((s) => statuses.push(s))
    await statuses.next((s) => s === 'SUBSCRIBED')
    await c.realtime.setAuth(await mintToken(t, alice, 7200)) // still alice: stays open
    await c.realtime.setAuth(await mintToken(t, bob))
    expect((await sys.next()).message).toBe(
      `You do not have permissions to read from this Channel topic: user:${alice}`,
    )
    await statuses.next((s) => s === 'CLOSED')
  })
})
