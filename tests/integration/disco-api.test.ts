/**
 * The floor API (app/api/disco/**) through its route handlers, called with Request objects against
 * the real migrations + demo seed: auth (401), validation (400), permissions (403), unknown things
 * (404), business rules (422), resume/take over (409), idempotent retries (one row) and the full
 * scan → action → advance flow.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as actionHistory from '../../app/api/disco/actions/history/route'
import * as pending from '../../app/api/disco/actions/pending/route'
import * as actions from '../../app/api/disco/actions/route'
import * as deviceInfo from '../../app/api/disco/device-info/route'
import * as advance from '../../app/api/disco/items/[id]/advance/route'
import * as offlineData from '../../app/api/disco/offline-data/route'
import * as ping from '../../app/api/disco/ping/route'
import * as queueItem from '../../app/api/disco/queues/[id]/items/[itemId]/route'
import * as queueItems from '../../app/api/disco/queues/[id]/items/route'
import * as queues from '../../app/api/disco/queues/route'
import * as history from '../../app/api/disco/scan/history/route'
import * as scan from '../../app/api/disco/scan/route'
import * as statistics from '../../app/api/disco/scan/statistics/route'
import * as validate from '../../app/api/disco/scan/validate/route'
import * as endSession from '../../app/api/disco/sessions/[id]/end/route'
import * as active from '../../app/api/disco/sessions/active/route'
import * as sessions from '../../app/api/disco/sessions/route'
import * as sync from '../../app/api/disco/sync/route'
import * as upload from '../../app/api/disco/upload-photo/route'
import type { TestStack } from '../stack/harness'
import { AURORA_LABELS, B6, B10, type Caller, call, pinnedIn, signedIn, useStack } from './disco-helpers'
import { SANDING, startAppStack } from './helpers'

let t: TestStack
let olive: Caller // operator, PINed in
let sam: Caller // supervisor, own device
let oliveSession: string
const SANDING_QUEUE = '87000000-0000-4000-8000-000000000102'

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
  olive = await pinnedIn(t, 'AUR-OP-1', 'tablet-olive')
  sam = await signedIn(t, 'supervisor@aurora.test', 'sam-phone')
  const started = await call(sessions.POST, 'POST', '/api/disco/sessions', { as: olive, body: {} })
  expect(started.status).toBe(200)
  oliveSession = (started.body.session as { id: string }).id
}, 120_000)
afterAll(async () => t?.close())

const scanRows = async (clientId: string) =>
  Number((await t.sql<{ n: string }>('select count(*)::text n from floor_scans where client_id = $1', [clientId]))[0].n)

describe('auth and validation', () => {
  it('answers 401 without credentials and with a bad token, never touching the data', async () => {
    const none = await call(ping.GET, 'GET', '/api/disco/ping')
    expect(none).toMatchObject({ status: 401, body: { code: 'NOT_SIGNED_IN' } })
    const bad = await call(active.GET, 'GET', '/api/disco/sessions/active', { as: { token: 'x.y.z', device: 'd' } })
    expect(bad).toMatchObject({ status: 401, body: { code: 'NOT_SIGNED_IN' } })
    expect((await call(ping.GET, 'GET', '/api/disco/ping', { as: olive })).status).toBe(200)
  })

  it('answers 400 with the failing fields for malformed input, before any call', async () => {
    const r = await call(scan.POST, 'POST', '/api/disco/scan', { as: olive, body: { session_id: 'nope', code: '' } })
    expect(r.status).toBe(400)
    expect(r.body.code).toBe('VALIDATION_FAILED')
    expect(Object.keys(r.body.fieldErrors ?? {}).sort()).toEqual(['code', 'session_id'])
    const json = await call(scan.POST, 'POST', '/api/disco/scan', {
      as: olive,
      rawBody: '{"code": ',
      headers: { 'content-type': 'application/json' },
    })
    expect(json).toMatchObject({ status: 400, body: { code: 'INVALID_JSON' } })
    const key = await call(scan.POST, 'POST', '/api/disco/scan', {
      as: olive,
      body: { session_id: oliveSession, code: 'B-1', client_id: randomUUID() },
      headers: { 'idempotency-key': randomUUID() },
    })
    expect(key).toMatchObject({ status: 400, body: { details: { field: 'client_id' } } })
  })

  it('answers the database validation as 400 VALIDATION_FAILED with the field', async () => {
    const r = await call(
      statistics.GET,
      'GET',
      '/api/disco/scan/statistics?from=2026-01-01T00:00:00Z&to=2020-01-01T00:00:00Z',
      {
        as: sam,
      },
    )
    expect(r).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { field: 'from' } } })
  })
})

describe('sessions', () => {
  it('resumes on the same tablet and asks "resume or take over" after PIN-in on another', async () => {
    const again = await call(sessions.POST, 'POST', '/api/disco/sessions', { as: olive, body: {} })
    expect(again.body).toMatchObject({ resumed: true, session: { id: oliveSession } })
    // Olive PINs in on a second tablet: her floor session waits there to be resumed or taken over
    const second = await pinnedIn(t, 'AUR-OP-1', 'tablet-olive-2')
    const taken = await call(sessions.POST, 'POST', '/api/disco/sessions', { as: second, body: {} })
    expect(taken.status).toBe(409)
    expect(taken.body).toMatchObject({ code: 'SESSION_TAKEN', details: { session_id: oliveSession } })
    expect(taken.body.details?.choices).toEqual(['resume', 'takeover'])
    // writes from the second tablet are refused until it resumes
    const write = await call(scan.POST, 'POST', '/api/disco/scan', {
      as: second,
      body: { session_id: oliveSession, code: AURORA_LABELS.B10 },
    })
    expect(write).toMatchObject({ status: 409, body: { code: 'SESSION_TAKEN' } })
    const resumed = await call(sessions.POST, 'POST', '/api/disco/sessions', { as: second, body: { resume: true } })
    expect(resumed.body).toMatchObject({ resumed: true, session: { id: oliveSession, device_id: 'tablet-olive-2' } })
    olive = second
  })

  it('a supervisor can end anyone’s session; an operator gets 404 for a session not theirs', async () => {
    const theirs = await call(sessions.POST, 'POST', '/api/disco/sessions', { as: sam, body: {} })
    const id = (theirs.body.session as { id: string }).id
    const nope = await call(endSession.POST, 'POST', `/api/disco/sessions/${id}/end`, { as: olive, params: { id } })
    expect(nope).toMatchObject({ status: 404, body: { code: 'SESSION_NOT_FOUND' } })
    const ended = await call(endSession.POST, 'POST', `/api/disco/sessions/${id}/end`, { as: sam, params: { id } })
    expect(ended.body).toMatchObject({ session: { is_active: false, end_reason: 'ended' } })
  })
})

describe('scanning', () => {
  it('shows the item card for a label: stage, status, assignee and the stage’s actions', async () => {
    const r = await call(scan.POST, 'POST', '/api/disco/scan', {
      as: olive,
      body: { session_id: oliveSession, code: AURORA_LABELS.B10.toLowerCase() },
    })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ success: true, type: 'item', value: AURORA_LABELS.B10, result: 'success' })
    const item = r.body.item as Record<string, unknown>
    expect(item).toMatchObject({ number: 'B-10', current_stage: 'Sanding', kind: 'batch', can_advance: false })
    expect((item.actions as Array<{ key: string }>).map((a) => a.key)).toEqual(['sanding-check'])
  })

  it('records failed scans too: 400 invalid, 404 unknown, 422 another workshop’s label', async () => {
    const cases = [
      { code: 'FL1:AUR:I:102GX', status: 400, error: 'INVALID_CODE', result: 'invalid' }, // check character
      { code: 'B-999', status: 404, error: 'UNKNOWN_CODE', result: 'error' },
      { code: 'FL1:BIR:I:1000Z', status: 422, error: 'FOREIGN_LABEL', result: 'invalid' },
      { code: 'FL9:AUR:I:1', status: 400, error: 'UNSUPPORTED_LABEL_VERSION', result: 'invalid' },
    ]
    for (const c of cases) {
      const r = await call(scan.POST, 'POST', '/api/disco/scan', {
        as: olive,
        body: { session_id: oliveSession, code: c.code },
      })
      expect(r.status, c.code).toBe(c.status)
      expect(r.body, c.code).toMatchObject({ code: c.error, details: { result: c.result, success: false } })
      const [row] = await t.sql<{ scan_result: string; error_code: string }>(
        'select scan_result::text, error_code from floor_scans where id = $1',
        [r.body.details?.scan_id],
      )
      expect(row).toEqual({ scan_result: c.result, error_code: c.error })
    }
  })

  it('a retried scan with the same Idempotency-Key answers the first answer and records one row', async () => {
    const key = randomUUID()
    const send = () =>
      call(scan.POST, 'POST', '/api/disco/scan', {
        as: olive,
        body: { session_id: oliveSession, code: AURORA_LABELS.B10 },
        headers: { 'idempotency-key': key },
      })
    const first = await send()
    const second = await send()
    expect(first.body.replayed).toBe(false)
    expect(second.body).toMatchObject({ replayed: true, scan_id: first.body.scan_id })
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(await scanRows(key)).toBe(1)
    // a key that is not a uuid is hashed per user into one
    const word = `retry-${Date.now()}`
    const a = await call(scan.POST, 'POST', '/api/disco/scan', {
      as: olive,
      body: { session_id: oliveSession, code: 'B-999' },
      headers: { 'idempotency-key': word },
    })
    const b = await call(scan.POST, 'POST', '/api/disco/scan', {
      as: olive,
      body: { session_id: oliveSession, code: 'B-999' },
      headers: { 'idempotency-key': word },
    })
    expect([a.status, b.status]).toEqual([404, 404])
    expect(b.body.details).toMatchObject({ replayed: true, scan_id: a.body.details?.scan_id })
  })

  it('validates without recording, and reads history and statistics (operators: their own)', async () => {
    const before = await t.sql<{ n: string }>('select count(*)::text n from floor_scans')
    const v = await call(validate.POST, 'POST', '/api/disco/scan/validate', {
      as: olive,
      body: { code: AURORA_LABELS.B6, session_id: oliveSession },
    })
    expect(v.body).toMatchObject({
      valid: true,
      kind: 'batch',
      item: { number: 'B-6', current_stage: 'Final Assembly' },
    })
    expect(await t.sql('select count(*)::text n from floor_scans')).toEqual(before)
    const h = await call(history.GET, 'GET', `/api/disco/scan/history?session_id=${oliveSession}&limit=3`, {
      as: olive,
    })
    expect((h.body.scans as unknown[]).length).toBe(3)
    const mine = await call(statistics.GET, 'GET', '/api/disco/scan/statistics', { as: olive })
    expect(mine.body.total).toBeGreaterThan(0)
    expect(mine.body.by_member).toBeNull()
    const someone = '60000000-0000-4000-8000-000000000105'
    const forbidden = await call(statistics.GET, 'GET', `/api/disco/scan/statistics?member_id=${someone}`, {
      as: olive,
    })
    expect(forbidden).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } })
    const all = await call(statistics.GET, 'GET', '/api/disco/scan/statistics', { as: sam })
    expect(Array.isArray(all.body.by_member)).toBe(true)
  })
})

describe('actions and advancing', () => {
  const orderOf = async (batch: string) =>
    (
      await t.sql<{ id: string }>(
        'select bo.order_id as id from batch_orders bo where bo.batch_id = $1 order by bo.order_id limit 1',
        [batch],
      )
    )[0].id

  it('404 for an unknown item, 422 for an action of another stage', async () => {
    const unknown = await call(pending.GET, 'GET', `/api/disco/actions/pending?item_id=${randomUUID()}`, { as: olive })
    expect(unknown).toMatchObject({ status: 404, body: { code: 'ITEM_NOT_FOUND' } })
    const wrong = await call(actions.POST, 'POST', '/api/disco/actions', {
      as: olive,
      body: {
        session_id: oliveSession,
        item_id: await orderOf(B10),
        action_key: 'channel-balance',
        data: { value: 0.1 },
      },
    })
    expect(wrong).toMatchObject({ status: 422, body: { code: 'ACTION_NOT_AVAILABLE' } })
    const missing = await call(actions.POST, 'POST', '/api/disco/actions', {
      as: olive,
      body: { session_id: oliveSession, item_id: B10, action_key: 'no-such-action' },
    })
    expect(missing).toMatchObject({ status: 404, body: { code: 'ACTION_NOT_FOUND' } })
  })

  it('a measurement out of tolerance fails with the reason and is recorded as failed', async () => {
    const order = await orderOf(B10)
    const r = await call(actions.POST, 'POST', '/api/disco/actions', {
      as: olive,
      body: {
        session_id: oliveSession,
        item_id: order,
        action_key: 'wall-thickness',
        data: { value: 6.9, unit: 'mm' },
      },
    })
    expect(r.status).toBe(422)
    expect(r.body.code).toBe('MEASUREMENT_OUT_OF_RANGE')
    expect(r.body.message).toContain('above the maximum 6.2 mm')
    expect(r.body.details?.action).toMatchObject({ status: 'failed', validation_result: { passed: false } })
  })

  it('refuses to advance while required actions are pending, listing them', async () => {
    const r = await call(advance.POST, 'POST', `/api/disco/items/${B10}/advance`, {
      as: olive,
      params: { id: B10 },
      body: { session_id: oliveSession, expected_stage: 'Sanding' },
    })
    expect(r.status).toBe(422)
    expect(r.body.code).toBe('REQUIRED_ACTIONS_PENDING')
    expect((r.body.details?.count as number) > 0).toBe(true)
  })

  it('an action retried with the same client_id is recorded once', async () => {
    const client_id = randomUUID()
    const body = {
      client_id,
      session_id: oliveSession,
      item_id: B10,
      action_key: 'sanding-check',
      data: { checklist: [] },
    }
    const a = await call(actions.POST, 'POST', '/api/disco/actions', { as: olive, body })
    const b = await call(actions.POST, 'POST', '/api/disco/actions', { as: olive, body })
    expect(a.status).toBe(b.status)
    expect(b.body.replayed ?? b.body.details?.replayed).toBe(true)
    const [n] = await t.sql<{ n: string }>('select count(*)::text n from floor_actions where client_id = $1', [
      client_id,
    ])
    expect(n.n).toBe('1')
  })

  it('scan → advance: B-6 leaves Final Assembly for Acoustic QC and joins its queue', async () => {
    const s = await call(scan.POST, 'POST', '/api/disco/scan', {
      as: olive,
      body: { session_id: oliveSession, code: AURORA_LABELS.B6 },
    })
    expect(s.body.item).toMatchObject({ number: 'B-6', can_advance: true, next_stage: 'Acoustic QC' })
    const body = { session_id: oliveSession, expected_stage: 'Final Assembly' }
    const key = randomUUID()
    const a = await call(advance.POST, 'POST', `/api/disco/items/${B6}/advance`, {
      as: olive,
      params: { id: B6 },
      body,
      headers: { 'idempotency-key': key },
    })
    expect(a.status).toBe(200)
    expect(a.body).toMatchObject({ from_stage: 'Final Assembly', to_stage: 'Acoustic QC', completed: false })
    expect((a.body.queue_entries as Array<{ queue_name: string }>).map((q) => q.queue_name)).toEqual(['Acoustic QC'])
    // the retry replays; a fresh request with the old stage is stale
    const again = await call(advance.POST, 'POST', `/api/disco/items/${B6}/advance`, {
      as: olive,
      params: { id: B6 },
      body,
      headers: { 'idempotency-key': key },
    })
    expect(again.body).toMatchObject({ replayed: true, to_stage: 'Acoustic QC' })
    const stale = await call(advance.POST, 'POST', `/api/disco/items/${B6}/advance`, {
      as: olive,
      params: { id: B6 },
      body,
    })
    expect(stale).toMatchObject({ status: 409, body: { code: 'STALE_STAGE' } })
  })
})

describe('queues', () => {
  it('lists queues with metrics and a queue’s entries', async () => {
    const list = await call(queues.GET, 'GET', '/api/disco/queues', { as: olive })
    expect((list.body as unknown as Array<{ name: string }>).map((q) => q.name)).toContain('Sanding')
    const items = await call(
      queueItems.GET,
      'GET',
      `/api/disco/queues/${SANDING_QUEUE}/items?status=waiting,in_progress`,
      {
        as: olive,
        params: { id: SANDING_QUEUE },
      },
    )
    expect(items.body.queue).toMatchObject({ name: 'Sanding' })
    expect((items.body.items as unknown[]).length).toBeGreaterThan(0)
    const bad = await call(queueItems.GET, 'GET', `/api/disco/queues/${SANDING_QUEUE}/items?status=lost`, {
      as: olive,
      params: { id: SANDING_QUEUE },
    })
    expect(bad.status).toBe(400)
    const unknown = randomUUID()
    const none = await call(queueItems.GET, 'GET', `/api/disco/queues/${unknown}/items`, {
      as: olive,
      params: { id: unknown },
    })
    expect(none).toMatchObject({ status: 404, body: { code: 'QUEUE_NOT_FOUND' } })
  })

  it('operators may not reprioritise (403); supervisors may, by entry or by item id', async () => {
    const params = { id: SANDING_QUEUE, itemId: B10 }
    const path = `/api/disco/queues/${SANDING_QUEUE}/items/${B10}`
    // B-10's queue entry is found by the batch id (the floor item behind it)
    const fi = (await t.sql<{ id: string }>('select id from floor_items where batch_id = $1', [B10]))[0].id
    const op = await call(queueItem.PUT, 'PUT', path, {
      as: olive,
      params: { ...params, itemId: fi },
      body: { priority: 'urgent' },
    })
    expect(op).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } })
    const sup = await call(queueItem.PUT, 'PUT', path, {
      as: sam,
      params: { ...params, itemId: fi },
      body: { priority: 'urgent' },
    })
    expect(sup.body.queue_item).toMatchObject({ priority: 'urgent' })
    const two = await call(queueItem.PUT, 'PUT', path, {
      as: sam,
      params: { ...params, itemId: fi },
      body: { priority: 'low', status: 'completed' },
    })
    expect(two.status).toBe(400)
  })

  it('adding an item twice is a 409; a retried add with the same key is one entry', async () => {
    // an order of B-12 (at Intake): not in the Sanding queue
    const [order] = await t.sql<{ id: string }>(
      `select bo.order_id as id from batch_orders bo where bo.batch_id = '83000000-0000-4000-8000-000000000012'
       order by bo.order_id limit 1`,
    )
    expect(order).toBeDefined()
    const key = randomUUID()
    const path = `/api/disco/queues/${SANDING_QUEUE}/items`
    const add = () =>
      call(queueItems.POST, 'POST', path, {
        as: sam,
        params: { id: SANDING_QUEUE },
        body: { item_id: order.id },
        headers: { 'idempotency-key': key },
      })
    const a = await add()
    const b = await add()
    expect(a.status).toBe(201)
    expect(b.body).toMatchObject({ replayed: true })
    const dup = await call(queueItems.POST, 'POST', path, {
      as: sam,
      params: { id: SANDING_QUEUE },
      body: { item_id: order.id },
    })
    expect(dup).toMatchObject({ status: 409, body: { code: 'ITEM_ALREADY_QUEUED' } })
  })
})

describe('offline sync', () => {
  it('replays an outbox in one call; replaying it again writes nothing twice', async () => {
    const ops = [
      { op: 'scan', client_id: randomUUID(), args: { session_id: oliveSession, code: AURORA_LABELS.B10 } },
      { op: 'scan', client_id: randomUUID(), args: { session_id: oliveSession, code: 'B-404' } },
    ]
    const first = await call(sync.POST, 'POST', '/api/disco/sync', { as: olive, body: { ops } })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ succeeded: 1, failed: 1 })
    const second = await call(sync.POST, 'POST', '/api/disco/sync', { as: olive, body: { ops } })
    expect((second.body.results as Array<{ status: number }>).map((r) => r.status)).toEqual([200, 404])
    for (const op of ops) expect(await scanRows(op.client_id)).toBe(1)
    // an unknown op is refused on its own (per-op answers: disco-sync-poison.test.ts); a bad envelope is a 400
    const bad = await call(sync.POST, 'POST', '/api/disco/sync', {
      as: olive,
      body: { ops: [{ op: 'explode', args: {} }] },
    })
    expect(bad).toMatchObject({ status: 200, body: { refused: 1, results: [{ outcome: 'refused', status: 400 }] } })
    expect((await call(sync.POST, 'POST', '/api/disco/sync', { as: olive, body: { ops: {} } })).status).toBe(400)
  })
})

describe('reads for the tablet', () => {
  it('device-info knows the tablet and its session; offline-data what its location works on', async () => {
    const d = await call(deviceInfo.GET, 'GET', '/api/disco/device-info', {
      as: olive,
      headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 14; SM-X210)' },
    })
    expect(d.body).toMatchObject({ device_id: olive.device, platform: 'android', same_device: true, station: null })
    const o = await call(offlineData.GET, 'GET', `/api/disco/offline-data?location_id=${SANDING}`, { as: olive })
    expect(o.body).toMatchObject({ location: { name: 'Sanding' }, org: { label_prefix: 'AUR' } })
    expect(Object.keys(o.body.labels as object)).toContain(AURORA_LABELS.B10)
    const none = await call(offlineData.GET, 'GET', `/api/disco/offline-data?location_id=${randomUUID()}`, {
      as: olive,
    })
    expect(none).toMatchObject({ status: 404, body: { code: 'LOCATION_NOT_FOUND' } })
  })

  it('action history of an item, newest first', async () => {
    const h = await call(
      actionHistory.GET,
      'GET',
      `/api/disco/actions/history?item_id=${B10}&include_orders=true&limit=5`,
      {
        as: olive,
      },
    )
    const list = h.body.actions as Array<{ created_at: string }>
    expect(list.length).toBeGreaterThan(0)
    expect([...list].sort((a, b) => b.created_at.localeCompare(a.created_at))).toEqual(list)
  })
})

describe('photos', () => {
  const AURORA = '20000000-0000-4000-8000-000000000001'
  const jpeg = () =>
    new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9])], { type: 'image/jpeg' })
  const form = (org: string, item: string, file: Blob = jpeg()) => {
    const f = new FormData()
    f.set('org_id', org)
    f.set('item_id', item)
    f.set('file', file, 'photo.jpg')
    return f
  }

  it('stores a photo in the workshop folder; a retry answers the same path; it completes a photo action', async () => {
    // B-9 is at Finishing, where "Finish close-up" (photo, required) waits
    const B9 = '83000000-0000-4000-8000-000000000009'
    const fi = (await t.sql<{ id: string }>('select id from floor_items where batch_id = $1', [B9]))[0].id
    const key = randomUUID()
    const send = () =>
      call(upload.POST, 'POST', '/api/disco/upload-photo', {
        as: olive,
        rawBody: form(AURORA, fi),
        headers: { 'idempotency-key': key },
      })
    const first = await send()
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ bucket: 'floor-photos', path: `${AURORA}/${fi}/${key}.jpg`, replayed: false })
    const again = await send()
    expect(again.body).toMatchObject({ path: first.body.path, replayed: true })
    const [n] = await t.sql<{ n: string }>('select count(*)::text n from storage.objects where name = $1', [
      first.body.path,
    ])
    expect(n.n).toBe('1')
    const done = await call(actions.POST, 'POST', '/api/disco/actions', {
      as: olive,
      body: { session_id: oliveSession, item_id: B9, action_key: 'finish-photo', data: { photos: [first.body.path] } },
    })
    expect(done.status).toBe(200)
    expect(done.body.action).toMatchObject({ status: 'completed', photos: [{ path: first.body.path }] })
  })

  it('refuses another workshop’s folder (403), other file types (415) and a missing file (400)', async () => {
    const BIRCH = '20000000-0000-4000-8000-000000000002'
    const other = await call(upload.POST, 'POST', '/api/disco/upload-photo', {
      as: olive,
      rawBody: form(BIRCH, randomUUID()),
    })
    expect(other).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } })
    const gif = await call(upload.POST, 'POST', '/api/disco/upload-photo', {
      as: olive,
      rawBody: form(AURORA, randomUUID(), new Blob(['GIF89a'], { type: 'image/gif' })),
    })
    expect(gif.status).toBe(415)
    const none = new FormData()
    none.set('org_id', AURORA)
    none.set('item_id', randomUUID())
    expect((await call(upload.POST, 'POST', '/api/disco/upload-photo', { as: olive, rawBody: none })).status).toBe(400)
    const json = await call(upload.POST, 'POST', '/api/disco/upload-photo', { as: olive, body: { org_id: AURORA } })
    expect(json.status).toBe(415)
  })
})
