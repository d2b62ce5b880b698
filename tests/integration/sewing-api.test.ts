/**
 * /api/sewing/* (issue 14, spec 03 §2) through the route handlers, against the test stack (real
 * migrations, Birch's demo seed): a manager sets up a dress line's operations (a cycle and an unknown
 * dependency refused under depends_on, a rate change kept in the history), a bundle of that dress is
 * cut, and two operators PINed in on the sewing line take it through its operations via the API —
 * an out-of-order start refused with the operation it waits for, units above the bundle refused, a
 * retried completion answering once. Their earnings and the line dashboard read the result. Bad input
 * is a 400 with fieldErrors; another workshop's ids are 403/404 and say nothing about what exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as dashboardRoute from '../../app/api/sewing/dashboard/route'
import * as exportRoute from '../../app/api/sewing/earnings/export/route'
import * as earningsRoute from '../../app/api/sewing/earnings/route'
import * as operationRoute from '../../app/api/sewing/operations/[id]/route'
import * as operationsRoute from '../../app/api/sewing/operations/route'
import * as completeRoute from '../../app/api/sewing/runs/operations/[id]/complete/route'
import * as defectRoute from '../../app/api/sewing/runs/operations/[id]/defect/route'
import * as correctRoute from '../../app/api/sewing/runs/operations/[id]/route'
import * as startRoute from '../../app/api/sewing/runs/operations/[id]/start/route'
import * as runsRoute from '../../app/api/sewing/runs/route'
import { pinIn } from '../../lib/station/pin-in'
import type { TestStack } from '../stack/harness'
import { type Caller, call, signedIn, useStack } from './disco-helpers'
import { AURORA, BIRCH, client, signIn, startAppStack } from './helpers'

const DRESS = 'a0000000-0000-4000-8000-000000000204' // Birch's product type with no operations seeded
const SEWING_LINE_2 = '30000000-0000-4000-8000-000000000203'

let t: TestStack
let manager: Caller
let auroraManager: Caller
let maricel: Caller // operators PINed in on line 2's tablets
let jun: Caller

/** A Birch operator PINed in on a tablet of their own, signed in as a station by the Birch manager. */
async function birchOperator(badge: string, device: string): Promise<Caller> {
  const mgr = await signIn(t, 'manager@birch.test')
  const { data: station, error } = await mgr
    .rpc('register_station', { p_location_id: SEWING_LINE_2, p_name: `Tablet ${device}` })
    .single()
  if (error || !station) throw new Error(`register_station: ${error?.message}`)
  const session = client(t, 'anon', device)
  const result = await pinIn(
    { tablet: client(t, 'anon', device), admin: client(t, 'service'), session },
    station.station_secret,
    badge,
    '1234',
  )
  if (!result.ok) throw new Error(`pin-in ${badge}: ${result.message}`)
  const { data } = await session.auth.getSession()
  if (!data.session) throw new Error('no session after PIN-in')
  return { token: data.session.access_token, device }
}

interface Op {
  id: string
  name: string
  piece_rate: number
  depends_on: string[]
  rates: Array<{ piece_rate: number }>
}
interface RunOp {
  id: string
  operation_id: string
  status: string
  units_completed: number
  good_units: number
  earnings: number | null
  efficiency: number | null
  operator_name: string | null
}
interface RunAnswer {
  run: { id: string; status: string; completed_ops: number; total_operations: number; average_efficiency: number }
  bundle: { id: string; status: string; good_units: number }
  operations: RunOp[]
}

const ops: Record<string, Op> = {}
let bundleId = ''
let run: RunAnswer

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
  manager = await signedIn(t, 'manager@birch.test')
  auroraManager = await signedIn(t, 'manager@aurora.test')
  maricel = await birchOperator('BIR-SEW-08', 'line2-tab-a')
  jun = await birchOperator('BIR-SEW-09', 'line2-tab-b')
}, 120_000)
afterAll(async () => t?.close())

const post = (path: string, body: unknown, as: Caller | null = manager) =>
  call(operationsRoute.POST, 'POST', path, { as, body })

describe('sewing operations', () => {
  it('creates a product type’s operations with dependencies and lists them in sequence', async () => {
    const make = async (name: string, seq: number, smv: number, rate: number, deps: string[] = []) => {
      const res = await post('/api/sewing/operations', {
        org_id: BIRCH,
        product_type: 'dress',
        name,
        sequence_number: seq,
        standard_minutes: smv,
        piece_rate: rate,
        machine_type: 'FLATBED',
        depends_on: deps,
        defect_codes: [{ code: 'PUCKERING', label: 'Puckering' }],
      })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      ops[name] = res.body.operation as unknown as Op
    }
    await make('Join bodice', 1, 1.2, 2.0)
    await make('Attach skirt', 2, 1.5, 2.5, [ops['Join bodice'].id])
    await make('Hem dress', 3, 0.8, 1.25, [ops['Attach skirt'].id])
    expect(ops['Hem dress'].rates).toHaveLength(1)

    const list = await call(
      operationsRoute.GET,
      'GET',
      `/api/sewing/operations?org_id=${BIRCH}&product_type_id=${DRESS}`,
      {
        as: maricel,
      },
    )
    expect(list.status).toBe(200)
    const [dress] = list.body.product_types as Array<{ code: string; operations: Op[] }>
    expect(dress.code).toBe('DRESS')
    expect(dress.operations.map((o) => o.name)).toEqual(['Join bodice', 'Attach skirt', 'Hem dress'])
  })

  it('refuses a dependency cycle, an unknown dependency and a taken name under their field', async () => {
    const cycle = await call(operationRoute.PATCH, 'PATCH', `/api/sewing/operations/${ops['Join bodice'].id}`, {
      as: manager,
      params: { id: ops['Join bodice'].id },
      body: { depends_on: [ops['Hem dress'].id] },
    })
    expect(cycle).toMatchObject({
      status: 422,
      body: { code: 'OPERATION_DEPENDENCY_CYCLE', fieldErrors: { depends_on: [expect.stringContaining('loop')] } },
    })
    expect(cycle.body.details?.cycle).toEqual(expect.arrayContaining(['Join bodice', 'Attach skirt', 'Hem dress']))

    const unknown = await post('/api/sewing/operations', {
      org_id: BIRCH,
      product_type_id: DRESS,
      name: 'Press',
      sequence_number: 4,
      standard_minutes: 0.5,
      piece_rate: 0.8,
      depends_on: ['a5000000-0000-4000-8000-000000001001'], // a T-shirt operation
    })
    expect(unknown).toMatchObject({
      status: 422,
      body: { code: 'OPERATION_DEPENDENCY_UNKNOWN', fieldErrors: { depends_on: [expect.any(String)] } },
    })
    const taken = await post('/api/sewing/operations', {
      org_id: BIRCH,
      product_type_id: DRESS,
      name: 'Hem dress',
      sequence_number: 5,
      standard_minutes: 0.5,
      piece_rate: 0.8,
    })
    expect(taken).toMatchObject({
      status: 409,
      body: { code: 'OPERATION_NAME_TAKEN', fieldErrors: { name: [expect.any(String)] } },
    })
  })

  it('keeps the rate history when the piece rate changes', async () => {
    const res = await call(operationRoute.PATCH, 'PATCH', `/api/sewing/operations/${ops['Hem dress'].id}`, {
      as: manager,
      params: { id: ops['Hem dress'].id },
      body: { piece_rate: 1.4 },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const op = res.body.operation as unknown as Op
    expect(op.piece_rate).toBe(1.4)
    expect(op.depends_on).toEqual([ops['Attach skirt'].id]) // what was not sent stays
    expect(op.rates.map((r) => r.piece_rate)).toEqual([1.4, 1.25])
    ops['Hem dress'] = op
  })

  it('answers malformed input with 400 and the field, before the database', async () => {
    const bad = await post('/api/sewing/operations', {
      org_id: BIRCH,
      product_type_id: DRESS,
      name: '',
      sequence_number: 2.5,
      standard_minutes: 'fast',
      piece_rate: 1,
    })
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('VALIDATION_FAILED')
    expect(Object.keys(bad.body.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(['name', 'sequence_number', 'standard_minutes']),
    )
    // in range for zod, out of range for the database: still a 400 under the field
    const negative = await post('/api/sewing/operations', {
      org_id: BIRCH,
      product_type_id: DRESS,
      name: 'Press',
      sequence_number: 4,
      standard_minutes: -1,
      piece_rate: 1,
    })
    expect(negative).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', fieldErrors: { standard_minutes: [expect.any(String)] } },
    })
    const noType = await post('/api/sewing/operations', {
      org_id: BIRCH,
      product_type: 'KIMONO',
      name: 'Press',
      sequence_number: 4,
      standard_minutes: 1,
      piece_rate: 1,
    })
    expect(noType).toMatchObject({ status: 404, body: { fieldErrors: { product_type: [expect.any(String)] } } })
    const operator = await post(
      '/api/sewing/operations',
      { org_id: BIRCH, product_type_id: DRESS, name: 'Press', sequence_number: 4, standard_minutes: 1, piece_rate: 1 },
      maricel,
    )
    expect(operator).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } })
  })
})

describe('a bundle down the line, by two operators', () => {
  const start = (id: string, as: Caller, body: Record<string, unknown> = {}, headers?: Record<string, string>) =>
    call<RunAnswer>(startRoute.POST, 'POST', `/api/sewing/runs/operations/${id}/start`, {
      as,
      params: { id },
      body,
      headers,
    })
  const complete = (id: string, as: Caller, body: Record<string, unknown> = {}, headers?: Record<string, string>) =>
    call<RunAnswer>(completeRoute.POST, 'POST', `/api/sewing/runs/operations/${id}/complete`, {
      as,
      params: { id },
      body,
      headers,
    })
  const runOp = (name: string) => {
    const ro = run.operations.find((o) => o.operation_id === ops[name].id)
    if (!ro) throw new Error(`no run operation for ${name}`)
    return ro
  }

  it('cuts a dress bundle of 10 (the cutting RPCs, as the manager)', async () => {
    const mgr = await signIn(t, 'manager@birch.test')
    const style = await mgr
      .from('styles')
      .insert({ org_id: BIRCH, product_type_id: DRESS, code: 'DR-SHIFT', name: 'Shift dress' })
      .select('id')
      .single()
    expect(style.error).toBeNull()
    const co = await mgr.rpc('create_cut_order', {
      p_org_id: BIRCH,
      p_style_id: style.data?.id as string,
      p_lines: [{ size: 'M', colour: 'Navy', quantity: 10 }],
    })
    expect(co.error).toBeNull()
    const lay = await mgr.rpc('plan_lay', {
      p_cut_order_id: (co.data as { id: string }).id,
      p_fabric: 'Rayon challis',
      p_colour: 'Navy',
      p_shade: 'A',
      p_marker_length_m: 2.4,
      p_plies: 10,
      p_size_ratio: { M: 1 },
      p_bundle_size: 10,
    })
    expect(lay.error).toBeNull()
    const cut = await mgr.rpc('cut_lay_into_bundles', { p_lay_id: (lay.data as { id: string }).id })
    expect(cut.error).toBeNull()
    const bundles = (cut.data as { bundles: Array<{ id: string; quantity: number }> }).bundles
    expect(bundles.map((b) => b.quantity)).toEqual([10])
    bundleId = bundles[0].id
  })

  it('creates the run with one pending operation per operation (bad input first)', async () => {
    const bad = await call(runsRoute.POST, 'POST', '/api/sewing/runs', {
      as: maricel,
      body: { org_id: BIRCH, bundle_id: 'BN-1' },
    })
    expect(bad).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', fieldErrors: { bundle_id: [expect.any(String)] } },
    })

    const res = await call<RunAnswer>(runsRoute.POST, 'POST', '/api/sewing/runs', {
      as: maricel,
      body: { org_id: BIRCH, bundle_id: bundleId },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    run = res.body
    expect(run.run).toMatchObject({ status: 'PENDING', total_operations: 3, completed_ops: 0 })
    expect(run.operations.map((o) => o.status)).toEqual(['PENDING', 'PENDING', 'PENDING'])

    const again = await call(runsRoute.POST, 'POST', '/api/sewing/runs', {
      as: jun,
      body: { org_id: BIRCH, bundle_id: bundleId },
    })
    expect(again).toMatchObject({ status: 409, body: { code: 'SEWING_RUN_OPEN', details: { run_id: run.run.id } } })
  })

  it('refuses an out-of-order start with the operation it waits for', async () => {
    const early = await start(runOp('Attach skirt').id, jun)
    expect(early.status).toBe(422)
    expect(early.body).toMatchObject({
      code: 'OPERATION_DEPENDENCY_PENDING',
      message: expect.stringContaining('Join bodice'),
      details: { pending: ['Join bodice'] },
      fieldErrors: { operation_id: [expect.any(String)] },
    })
    const completeFirst = await complete(runOp('Join bodice').id, maricel)
    expect(completeFirst).toMatchObject({ status: 409, body: { code: 'RUN_OPERATION_STATUS' } })
  })

  it('takes the bundle through its operations, two operators taking turns', async () => {
    let res = await start(runOp('Join bodice').id, maricel, { machine_id: 'M-07' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.bundle.status).toBe('in_sewing')
    // a retry of the same completion (Wi-Fi dropped the answer) completes it once
    const key = { 'idempotency-key': `complete-bodice-${Date.now()}` }
    res = await complete(runOp('Join bodice').id, maricel, { units_completed: 10, actual_minutes: 15 }, key)
    expect(res.status).toBe(200)
    const retry = await complete(runOp('Join bodice').id, maricel, { units_completed: 10, actual_minutes: 15 }, key)
    expect(retry.status).toBe(200)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    run = res.body
    // 1.2 SMV × 10 units in 15 minutes = 80 %; ₱2.00 × 10 good units
    expect(runOp('Join bodice')).toMatchObject({
      status: 'COMPLETED',
      efficiency: 80,
      earnings: 20,
      operator_name: 'Carmela Reyes',
    })

    res = await start(runOp('Attach skirt').id, jun)
    expect(res.status).toBe(200)
    // someone else's operation is theirs to finish
    const notMine = await complete(runOp('Attach skirt').id, maricel)
    expect(notMine).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } })
    const tooMany = await complete(runOp('Attach skirt').id, jun, { units_completed: 11 })
    expect(tooMany).toMatchObject({
      status: 422,
      body: {
        code: 'UNITS_EXCEED_BUNDLE',
        details: { max: 10 },
        fieldErrors: { units_completed: [expect.any(String)] },
      },
    })
    const typo = await complete(runOp('Attach skirt').id, jun, { units_completed: 'ten' })
    expect(typo).toMatchObject({ status: 400, body: { fieldErrors: { units_completed: [expect.any(String)] } } })
    const tap = await call<RunAnswer>(
      defectRoute.POST,
      'POST',
      `/api/sewing/runs/operations/${runOp('Attach skirt').id}/defect`,
      {
        as: jun,
        params: { id: runOp('Attach skirt').id },
        body: { defect_code: 'PUCKERING' },
      },
    )
    expect(tap.status, JSON.stringify(tap.body)).toBe(200)
    res = await complete(runOp('Attach skirt').id, jun, { actual_minutes: 20, rework_units: 1 })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    run = res.body
    // units default to the bundle's good units; 1 reworked is not paid: ₱2.50 × 9
    expect(runOp('Attach skirt')).toMatchObject({ units_completed: 10, good_units: 9, earnings: 22.5, efficiency: 75 })

    res = await start(runOp('Hem dress').id, maricel)
    expect(res.status).toBe(200)
    res = await complete(runOp('Hem dress').id, maricel, { units_completed: 10, actual_minutes: 10 })
    expect(res.status).toBe(200)
    run = res.body
    // the rate in force now: ₱1.40 (changed from ₱1.25 above)
    expect(runOp('Hem dress')).toMatchObject({ earnings: 14, efficiency: 80 })
    // (12 + 15 + 8) standard minutes ÷ (15 + 20 + 10) actual = 77.78 %
    expect(run.run).toMatchObject({ status: 'COMPLETED', completed_ops: 3, average_efficiency: 77.78 })
    expect(run.bundle.status).toBe('sewn')
  })

  it('lets a supervisor correct a run operation; the rules still hold', async () => {
    const id = runOp('Join bodice').id
    const below = await call(correctRoute.PATCH, 'PATCH', `/api/sewing/runs/operations/${id}`, {
      as: manager,
      params: { id },
      body: { units_completed: 8 },
    })
    // "Attach skirt" already completed 10 after it
    expect(below).toMatchObject({ status: 422, body: { code: 'UNITS_EXCEED_DEPENDENCY' } })
    const operator = await call(correctRoute.PATCH, 'PATCH', `/api/sewing/runs/operations/${id}`, {
      as: maricel,
      params: { id },
      body: { actual_minutes: 12 },
    })
    expect(operator).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } })
  })

  it('lists runs by bundle, operator and status', async () => {
    const byBundle = await call(runsRoute.GET, 'GET', `/api/sewing/runs?org_id=${BIRCH}&bundle_id=${bundleId}`, {
      as: manager,
    })
    expect(byBundle.status).toBe(200)
    const runs = byBundle.body.runs as Array<{
      id: string
      operations: Array<{ operator: { display_name: string } | null }>
    }>
    expect(runs.map((r) => r.id)).toEqual([run.run.id])
    expect(runs[0].operations.map((o) => o.operator?.display_name)).toEqual([
      'Carmela Reyes',
      'Divina Torres',
      'Carmela Reyes',
    ])

    const jid = (run.operations.find((o) => o.operator_name === 'Divina Torres') as RunOp & { operator_id: string })
      .operator_id
    const byOperator = await call(
      runsRoute.GET,
      'GET',
      `/api/sewing/runs?org_id=${BIRCH}&operator_id=${jid}&limit=100`,
      {
        as: manager,
      },
    )
    expect((byOperator.body.runs as Array<{ id: string }>).map((r) => r.id)).toContain(run.run.id)

    const open = await call(
      runsRoute.GET,
      'GET',
      `/api/sewing/runs?org_id=${BIRCH}&status=pending,in_progress&limit=5`,
      {
        as: maricel,
      },
    )
    expect(open.status).toBe(200)
    const statuses = (open.body.runs as Array<{ status: string }>).map((r) => r.status)
    expect(statuses.length).toBe(5)
    expect(statuses.every((s) => s !== 'COMPLETED')).toBe(true)
    expect(open.body.next_before).toEqual(expect.any(Number))

    const badStatus = await call(runsRoute.GET, 'GET', `/api/sewing/runs?org_id=${BIRCH}&status=DONE`, { as: manager })
    expect(badStatus).toMatchObject({ status: 400, body: { fieldErrors: { status: [expect.any(String)] } } })
  })

  it('shows on the dashboard and in each operator’s earnings at the rates in force', async () => {
    const dash = await call(dashboardRoute.GET, 'GET', `/api/sewing/dashboard?org_id=${BIRCH}`, { as: jun })
    expect(dash.status).toBe(200)
    const lines = dash.body.operations as Array<{ name: string; product_type: string; units_today: number }>
    expect(lines.filter((o) => o.product_type === 'DRESS').map((o) => o.units_today)).toEqual([10, 10, 10])

    const today = dash.body.day as string
    const mine = await call(
      earningsRoute.GET,
      'GET',
      `/api/sewing/earnings?org_id=${BIRCH}&from=${today}&to=${today}&level=operation`,
      {
        as: maricel,
      },
    )
    expect(mine.status).toBe(200)
    const rows = mine.body.rows as Array<{
      member_name: string
      operation_name: string
      piece_rate: number
      earnings: number
    }>
    expect(new Set(rows.map((r) => r.member_name))).toEqual(new Set(['Carmela Reyes']))
    expect(rows.filter((r) => ['Join bodice', 'Hem dress'].includes(r.operation_name))).toEqual([
      expect.objectContaining({ operation_name: 'Join bodice', piece_rate: 2, earnings: 20 }),
      expect.objectContaining({ operation_name: 'Hem dress', piece_rate: 1.4, earnings: 14 }),
    ])
    // an operator asking for someone else's is refused; a supervisor+ reads anyone's
    const others = await call(
      earningsRoute.GET,
      'GET',
      `/api/sewing/earnings?org_id=${BIRCH}&from=${today}&to=${today}&member_id=${(run.operations[1] as RunOp & { operator_id: string }).operator_id}`,
      { as: maricel },
    )
    expect(others).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN', fieldErrors: { member_id: [expect.any(String)] } },
    })

    const csv = await exportRoute.GET(
      new Request(`http://floorline.test/api/sewing/earnings/export?org_id=${BIRCH}&from=${today}&to=${today}`, {
        headers: { authorization: `Bearer ${manager.token}`, 'x-device-id': manager.device },
      }),
    )
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-disposition')).toContain(`payroll-${today}-to-${today}.csv`)
    const lines2 = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines2[0]).toBe(
      'Operator,Badge,Operations,Units,Good units,Rework units,Defects,Earned minutes,Actual minutes,Efficiency %,Earnings',
    )
    // the payroll line is the period row of the JSON read: the same numbers
    const period = await call(
      earningsRoute.GET,
      'GET',
      `/api/sewing/earnings?org_id=${BIRCH}&from=${today}&to=${today}&level=period`,
      {
        as: manager,
      },
    )
    const divina = (period.body.rows as Array<{ member_name: string; earnings: number }>).find(
      (r) => r.member_name === 'Divina Torres',
    )
    expect(divina?.earnings).toBeGreaterThanOrEqual(22.5)
    expect(
      lines2
        .find((l) => l.startsWith('Divina Torres,BIR-SEW-09,'))
        ?.split(',')
        .at(-1),
    ).toBe(String(divina?.earnings))

    // a month of every operator: thousands of operation rows, all of them (read past PostgREST's 1000-row limit)
    const month = async (level: string) => {
      const from = new Date(Date.parse(`${today}T00:00:00Z`) - 35 * 86_400_000).toISOString().slice(0, 10)
      const res = await exportRoute.GET(
        new Request(
          `http://floorline.test/api/sewing/earnings/export?org_id=${BIRCH}&from=${from}&to=${today}&level=${level}`,
          {
            headers: { authorization: `Bearer ${manager.token}`, 'x-device-id': manager.device },
          },
        ),
      )
      return (await res.text()).trim().split('\r\n').length - 1
    }
    expect(await month('period')).toBe(12)
    expect(await month('operation')).toBeGreaterThan(1000)

    const backwards = await call(
      earningsRoute.GET,
      'GET',
      `/api/sewing/earnings?org_id=${BIRCH}&from=${today}&to=2020-01-01`,
      {
        as: manager,
      },
    )
    expect(backwards).toMatchObject({
      status: 400,
      body: { fieldErrors: { to: ['The end date is before the start date'] } },
    })
  })
})

describe('another workshop', () => {
  it('gets 403 for Birch’s lists and 404 for Birch’s ids, the same as for ids that do not exist', async () => {
    const as = auroraManager
    for (const [handler, path] of [
      [operationsRoute.GET, `/api/sewing/operations?org_id=${BIRCH}`],
      [runsRoute.GET, `/api/sewing/runs?org_id=${BIRCH}`],
      [dashboardRoute.GET, `/api/sewing/dashboard?org_id=${BIRCH}`],
      [earningsRoute.GET, `/api/sewing/earnings?org_id=${BIRCH}&from=2026-11-01&to=2026-11-30`],
    ] as const) {
      const res = await call(handler, 'GET', path, { as })
      expect(res, path).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } })
      expect(JSON.stringify(res.body)).not.toMatch(/DRESS|Join bodice|Carmela/)
    }
    const created = await post(
      '/api/sewing/operations',
      { org_id: BIRCH, product_type_id: DRESS, name: 'Sneaky', sequence_number: 9, standard_minutes: 1, piece_rate: 1 },
      as,
    )
    expect(created).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } })

    const missing = '00000000-0000-4000-8000-00000000dead'
    for (const id of [run.operations[0].id, missing]) {
      const started = await call(startRoute.POST, 'POST', `/api/sewing/runs/operations/${id}/start`, {
        as,
        params: { id },
        body: {},
      })
      expect(started).toMatchObject({ status: 404, body: { code: 'NOT_FOUND', message: 'No such run operation' } })
    }
    for (const id of [ops['Join bodice'].id, missing]) {
      const patched = await call(operationRoute.PATCH, 'PATCH', `/api/sewing/operations/${id}`, {
        as,
        params: { id },
        body: { piece_rate: 0.01 },
      })
      expect(patched).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } })
    }
    // Birch's bundle named in Aurora's own workshop is simply not there
    const foreign = await call(runsRoute.POST, 'POST', '/api/sewing/runs', {
      as,
      body: { org_id: AURORA, bundle_id: bundleId },
    })
    expect(foreign).toMatchObject({ status: 404, body: { code: 'BUNDLE_NOT_FOUND' } })
    const anon = await call(runsRoute.GET, 'GET', `/api/sewing/runs?org_id=${BIRCH}`)
    expect(anon.status).toBe(401)
  })
})
