/**
 * The Phoenix wire protocol itself, frame by frame (what realtime-js relies on without showing it).
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startTestStack, type TestStack } from './harness'
import { Inbox } from './realtime-helpers'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(async () => {
  await t?.close()
})

interface Raw {
  ws: WebSocket
  frames: Inbox<{ binary: boolean; data: Buffer; json?: unknown }>
  send(frame: unknown): void
}

async function open(vsn = '2.0.0', key: string | null = t.cfg.anonKey): Promise<Raw> {
  const q = new URLSearchParams({ vsn, ...(key ? { apikey: key } : {}) })
  const ws = new WebSocket(`${t.url.replace('http', 'ws')}/realtime/v1/websocket?${q}`)
  const frames = new Inbox<{ binary: boolean; data: Buffer; json?: unknown }>()
  ws.on('message', (d, binary) => {
    const data = Buffer.from(d as Buffer)
    frames.push({ binary, data, json: binary ? undefined : JSON.parse(data.toString()) })
  })
  await new Promise((res, rej) => {
    ws.once('open', res)
    ws.once('error', rej)
  })
  return { ws, frames, send: (f) => ws.send(typeof f === 'string' || Buffer.isBuffer(f) ? f : JSON.stringify(f)) }
}

const status = (key: string | null, vsn = '2.0.0') =>
  new Promise<number>((resolve) => {
    const q = new URLSearchParams({ vsn, ...(key ? { apikey: key } : {}) })
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/realtime/v1/websocket?${q}`)
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.on('open', () => {
      ws.close()
      resolve(101)
    })
  })

/** vsn 2 kind 3 frame, as realtime-js's serializer builds it */
function userBroadcastPush(joinRef: string, ref: string, topic: string, event: string, payload: unknown): Buffer {
  const parts = [joinRef, ref, topic, event, ''].map((s) => Buffer.from(s))
  const body = Buffer.from(JSON.stringify(payload))
  return Buffer.concat([Buffer.from([3, ...parts.map((p) => p.length), 1]), ...parts, body])
}

describe('realtime wire protocol', () => {
  it('refuses sockets without a valid apikey or with an unknown vsn', async () => {
    expect(await status(null)).toBe(403)
    expect(await status('not-a-jwt')).toBe(403)
    expect(await status(t.cfg.anonKey, '3.0.0')).toBe(400)
    expect(await status(t.cfg.anonKey)).toBe(101)
  })

  it('answers heartbeats and joins with V2 arrays, and closes a left channel', async () => {
    const c = await open()
    c.send([null, '1', 'phoenix', 'heartbeat', {}])
    expect((await c.frames.next()).json).toEqual([null, '1', 'phoenix', 'phx_reply', { status: 'ok', response: {} }])
    const binding = { event: 'INSERT', schema: 'public', table: 'rt_open', filter: 'n=eq.1' }
    c.send(['2', '2', 'realtime:proto', 'phx_join', { config: { postgres_changes: [binding] } }])
    const reply = (
      await c.frames.next((f) => (f.json as unknown[])[3] === 'phx_reply' && (f.json as unknown[])[1] === '2')
    ).json as [
      string,
      string,
      string,
      string,
      { status: string; response: { postgres_changes: Array<Record<string, unknown>> } },
    ]
    expect(reply[4].status).toBe('ok')
    expect(reply[4].response.postgres_changes).toEqual([{ ...binding, id: expect.any(Number) }])
    const sys = await c.frames.next((f) => (f.json as unknown[])[3] === 'system')
    expect(sys.json).toEqual([
      '2',
      null,
      'realtime:proto',
      'system',
      { extension: 'postgres_changes', status: 'ok', message: 'Subscribed to PostgreSQL', channel: 'proto' },
    ])
    c.send(['2', '3', 'realtime:proto', 'phx_leave', {}])
    expect((await c.frames.next((f) => (f.json as unknown[])[1] === '3')).json).toEqual([
      '2',
      '3',
      'realtime:proto',
      'phx_reply',
      { status: 'ok', response: {} },
    ])
    expect((await c.frames.next((f) => (f.json as unknown[])[3] === 'phx_close')).json).toEqual([
      '2',
      '2',
      'realtime:proto',
      'phx_close',
      {},
    ])
    c.send([null, '4', 'realtime:proto', 'broadcast', { type: 'broadcast', event: 'x', payload: {} }])
    expect((await c.frames.next((f) => (f.json as unknown[])[1] === '4')).json).toEqual([
      null,
      '4',
      'realtime:proto',
      'phx_reply',
      { status: 'error', response: { reason: 'unmatched topic' } },
    ])
    c.send(['5', '5', 'realtime:', 'phx_join', {}])
    expect(((await c.frames.next((f) => (f.json as unknown[])[1] === '5')).json as unknown[])[4]).toEqual({
      status: 'error',
      response: { reason: 'TopicNameRequired: You must provide a topic name' },
    })
    c.ws.close()
  })

  it('relays a binary user broadcast as kind 4 to vsn 2 sockets and as JSON to vsn 1 sockets', async () => {
    const [a, b, v1] = [await open(), await open(), await open('1.0.0')]
    a.send(['1', '1', 'realtime:bin', 'phx_join', { config: { broadcast: { ack: true } } }])
    b.send(['1', '1', 'realtime:bin', 'phx_join', {}])
    v1.send({ topic: 'realtime:bin', event: 'phx_join', payload: {}, ref: '1', join_ref: '1' })
    for (const c of [a, b]) await c.frames.next((f) => (f.json as unknown[])?.[3] === 'phx_reply')
    expect((await v1.frames.next()).json).toEqual({
      topic: 'realtime:bin',
      event: 'phx_reply',
      payload: { status: 'ok', response: { postgres_changes: [] } },
      ref: '1',
    })
    a.send(userBroadcastPush('1', '2', 'realtime:bin', 'move', { x: 'é' }))
    expect((await a.frames.next((f) => (f.json as unknown[])?.[1] === '2')).json).toEqual([
      '1',
      '2',
      'realtime:bin',
      'phx_reply',
      { status: 'ok', response: {} },
    ])
    const frame = await b.frames.next((f) => f.binary)
    const topic = 'realtime:bin'
    expect([...frame.data.subarray(0, 5)]).toEqual([4, topic.length, 'move'.length, 0, 1])
    expect(frame.data.subarray(5 + topic.length + 4).toString()).toBe('{"x":"é"}')
    expect((await v1.frames.next((f) => (f.json as { event: string }).event === 'broadcast')).json).toEqual({
      topic: 'realtime:bin',
      event: 'broadcast',
      payload: { type: 'broadcast', event: 'move', payload: { x: 'é' } },
      ref: null,
    })
    for (const c of [a, b, v1]) c.ws.close()
  })

  it('closes the socket on a frame it cannot decode', async () => {
    const c = await open()
    const closed = new Promise<number>((r) => c.ws.on('close', (code) => r(code)))
    c.send('{"not": "an array"}')
    expect(await closed).toBe(1007)
  })

  it('answers paths outside the subset with 501', async () => {
    const r = await fetch(`${t.url}/realtime/v1/api/tenants`)
    expect(r.status).toBe(501)
    expect((await r.json()).message).toMatch(/outside the Realtime subset/)
  })
})
