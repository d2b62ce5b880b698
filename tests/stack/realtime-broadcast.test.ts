import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from './harness'
import { closeClients, Inbox, rtClient, sleep, subscribed } from './realtime-helpers'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterEach(closeClients)
afterAll(async () => {
  await t?.close()
})

let n = 0
const topic = () => `room-${++n}-${Math.random().toString(36).slice(2, 8)}`

describe('realtime broadcast (client ↔ client)', () => {
  it('relays a broadcast to the other subscribers of the topic, not back to the sender by default', async () => {
    const room = topic()
    const a = await rtClient(t)
    const b = await rtClient(t)
    const gotA = new Inbox()
    const gotB = new Inbox()
    const chA = await subscribed(a.channel(room).on('broadcast', { event: 'cursor' }, gotA.push))
    await subscribed(b.channel(room).on('broadcast', { event: 'cursor' }, gotB.push))
    expect(await chA.send({ type: 'broadcast', event: 'cursor', payload: { x: 1, name: 'é🙂' } })).toBe('ok')
    const msg = await gotB.next()
    expect(msg).toEqual({ type: 'broadcast', event: 'cursor', payload: { x: 1, name: 'é🙂' } })
    await sleep(100)
    expect(gotA.items).toEqual([])
  })

  it('echoes to the sender with broadcast.self and acknowledges with broadcast.ack', async () => {
    const room = topic()
    const a = await rtClient(t)
    const got = new Inbox()
    const ch = await subscribed(
      a.channel(room, { config: { broadcast: { self: true, ack: true } } }).on('broadcast', { event: '*' }, got.push),
    )
    expect(await ch.send({ type: 'broadcast', event: 'ping', payload: { n: 1 } })).toBe('ok')
    expect((await got.next()).payload).toEqual({ n: 1 })
  })

  it('keeps topics apart and filters by event name', async () => {
    const [r1, r2] = [topic(), topic()]
    const a = await rtClient(t)
    const b = await rtClient(t)
    const got = new Inbox()
    const ch1 = await subscribed(a.channel(r1))
    await subscribed(b.channel(r2).on('broadcast', { event: 'x' }, got.push))
    await subscribed(b.channel(r1).on('broadcast', { event: 'y' }, got.push))
    await ch1.send({ type: 'broadcast', event: 'x', payload: { from: 'r1-x' } })
    await ch1.send({ type: 'broadcast', event: 'y', payload: { from: 'r1-y' } })
    expect((await got.next()).payload).toEqual({ from: 'r1-y' })
    await sleep(100)
    expect(got.items.map((m) => m.payload.from)).toEqual(['r1-y'])
  })

  it('POST /realtime/v1/api/broadcast reaches public subscribers (202)', async () => {
    const room = topic()
    const got = new Inbox()
    await subscribed((await rtClient(t)).channel(room).on('broadcast', { event: 'news' }, got.push))
    const r = await fetch(`${t.url}/realtime/v1/api/broadcast`, {
      method: 'POST',
      headers: { apikey: t.cfg.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ topic: room, event: 'news', payload: { hello: 'world' } }] }),
    })
    expect(r.status).toBe(202)
    expect(await got.next()).toEqual({ type: 'broadcast', event: 'news', payload: { hello: 'world' } })
  })

  it('httpSend() and the REST fallback of send() deliver too', async () => {
    const room = topic()
    const got = new Inbox()
    await subscribed((await rtClient(t)).channel(room).on('broadcast', { event: '*' }, got.push))
    const sender = (await rtClient(t)).channel(room)
    expect(await sender.httpSend('via-http', { a: 1 })).toEqual({ success: true })
    expect((await got.next((m) => m.event === 'via-http')).payload).toEqual({ a: 1 })
  })

  it('answers malformed REST broadcasts with 422 and missing keys with 401', async () => {
    const bad = await fetch(`${t.url}/realtime/v1/api/broadcast`, {
      method: 'POST',
      headers: { apikey: t.cfg.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ event: 'e', payload: {} }] }),
    })
    expect(bad.status).toBe(422)
    expect(await bad.json()).toEqual({ errors: { messages: [{ topic: ["can't be blank"] }] } })
    const anon = await fetch(`${t.url}/realtime/v1/api/broadcast`, { method: 'POST', body: '{}' })
    expect(anon.status).toBe(401)
  })
})

describe('realtime presence', () => {
  it('syncs track/untrack between clients', async () => {
    const room = topic()
    const a = await rtClient(t)
    const b = await rtClient(t)
    const joins = new Inbox()
    const leaves = new Inbox()
    const chA = await subscribed(
      a.channel(room, { config: { presence: { key: 'alice' } } }).on('presence', { event: 'sync' }, () => {}),
    )
    const chB = await subscribed(
      b
        .channel(room, { config: { presence: { key: 'bob' } } })
        .on('presence', { event: 'join' }, joins.push)
        .on('presence', { event: 'leave' }, leaves.push),
    )
    expect(await chA.track({ status: 'online' })).toBe('ok')
    const j = await joins.next((e) => e.key === 'alice')
    expect(j.newPresences[0]).toMatchObject({ status: 'online' })
    expect(chB.presenceState().alice[0]).toMatchObject({ status: 'online' })
    expect(await chA.untrack()).toBe('ok')
    await leaves.next((e) => e.key === 'alice')
    expect(chB.presenceState()).toEqual({})
  })

  it('sends the current state to a channel that joins later', async () => {
    const room = topic()
    const chA = await subscribed(
      (await rtClient(t))
        .channel(room, { config: { presence: { key: 'early' } } })
        .on('presence', { event: 'sync' }, () => {}),
    )
    await chA.track({ n: 1 })
    const synced = new Inbox()
    const chB = await subscribed(
      (await rtClient(t)).channel(room).on('presence', { event: 'sync' }, () => synced.push(1)),
    )
    await synced.next(() => Object.keys(chB.presenceState()).includes('early'))
    expect(chB.presenceState().early[0]).toMatchObject({ n: 1 })
  })
})
