/**
 * /api/dashboard/* (issue 17): the overview and floor status answer through the one route wrapper,
 * bad input is a 400 with the field, other organisations and lower roles are refused, and every table
 * behind a chart downloads as CSV with the same numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as exportRoute from '../../app/api/dashboard/export/[table]/route'
import * as floorStatus from '../../app/api/dashboard/floor-status/route'
import * as overview from '../../app/api/dashboard/overview/route'
import type { TestStack } from '../stack/harness'
import { type Caller, call, pinnedIn, signedIn, useStack } from './disco-helpers'
import { AURORA, BIRCH, startAppStack } from './helpers'

let t: TestStack
let manager: Caller
let supervisor: Caller

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
  manager = await signedIn(t, 'manager@aurora.test')
  supervisor = await signedIn(t, 'supervisor@aurora.test')
}, 120_000)
afterAll(async () => t?.close())

describe('GET /api/dashboard/overview', () => {
  it('answers the figures of a range, then the same from the cache', async () => {
    const first = await call(overview.GET, 'GET', `/api/dashboard/overview?org_id=${AURORA}&range=30d`, { as: manager })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ range: { time_zone: 'America/Chicago' }, kpis: { units_completed: {} } })
    expect((first.body.days as unknown[]).length).toBe(30)
    expect(Array.isArray(first.body.operators)).toBe(true)
    const again = await call(overview.GET, 'GET', `/api/dashboard/overview?org_id=${AURORA}&range=30d`, { as: manager })
    expect(again.body.cached).toBe(true)
    expect(again.body.kpis).toEqual(first.body.kpis)
  })

  it('refuses bad input with the field, and other workshops', async () => {
    const range = await call(overview.GET, 'GET', `/api/dashboard/overview?org_id=${AURORA}&range=year`, {
      as: manager,
    })
    expect(range).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', fieldErrors: { range: [expect.any(String)] } },
    })
    const backwards = await call(
      overview.GET,
      'GET',
      `/api/dashboard/overview?org_id=${AURORA}&range=custom&from=2026-11-20&to=2026-11-01`,
      { as: manager },
    )
    expect(backwards).toMatchObject({
      status: 400,
      body: {
        code: 'VALIDATION_FAILED',
        message: 'The end date is before the start date',
        fieldErrors: { to: [expect.any(String)] },
      },
    })
    const day = await call(
      overview.GET,
      'GET',
      `/api/dashboard/overview?org_id=${AURORA}&range=custom&from=20-11-2026&to=x`,
      {
        as: manager,
      },
    )
    expect(day).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } })
    const other = await call(overview.GET, 'GET', `/api/dashboard/overview?org_id=${BIRCH}`, { as: manager })
    expect(other).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } })
    const anon = await call(overview.GET, 'GET', `/api/dashboard/overview?org_id=${AURORA}`)
    expect(anon.status).toBe(401)
  })

  it('gives a PINed-in operator the figures without revenue or the people ranking', async () => {
    const olive = await pinnedIn(t, 'AUR-OP-1', 'dash-tablet')
    const res = await call(overview.GET, 'GET', `/api/dashboard/overview?org_id=${AURORA}&range=7d`, { as: olive })
    expect(res.status).toBe(200)
    expect(res.body).not.toHaveProperty('operators')
    expect(res.body.kpis).not.toHaveProperty('revenue_generated')
    const floor = await call(floorStatus.GET, 'GET', `/api/dashboard/floor-status?org_id=${AURORA}`, { as: olive })
    expect(floor).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } })
  })
})

describe('GET /api/dashboard/floor-status', () => {
  it('lists who is PINed in, idle tablets and queue depth', async () => {
    const res = await call(floorStatus.GET, 'GET', `/api/dashboard/floor-status?org_id=${AURORA}`, { as: supervisor })
    expect(res.status).toBe(200)
    for (const key of ['working', 'pinned_in', 'idle_stations', 'queues'])
      expect(Array.isArray(res.body[key])).toBe(true)
    const bad = await call(floorStatus.GET, 'GET', `/api/dashboard/floor-status?org_id=${AURORA}&location_id=nope`, {
      as: supervisor,
    })
    expect(bad).toMatchObject({ status: 400, body: { fieldErrors: { location_id: [expect.any(String)] } } })
  })
})

describe('GET /api/dashboard/export/<table>', () => {
  const get = (table: string, who: Caller) =>
    exportRoute.GET(
      new Request(`http://floorline.test/api/dashboard/export/${table}?org_id=${AURORA}&range=7d`, {
        headers: { authorization: `Bearer ${who.token}`, 'x-device-id': who.device },
      }),
      { params: Promise.resolve({ table }) },
    )

  it('downloads each table as CSV', async () => {
    const res = await get('days', manager)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    const rows = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(rows[0]).toMatch(/^Date,Units completed,/)
    expect(rows).toHaveLength(8)
    for (const table of ['shifts', 'operators', 'wip', 'late-orders'])
      expect((await get(table, manager)).status).toBe(200)
  })

  it('answers 404 JSON for a table that does not exist', async () => {
    const res = await get('salaries', manager)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' })
  })
})
