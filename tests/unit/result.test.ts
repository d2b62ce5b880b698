import { describe, expect, it } from 'vitest'
import { dbFail, errorBody, failWith, fromErrorBody, STATUS } from '../../lib/errors'

// The one mapper (lib/errors.ts, docs/errors.md): our SQL names the code, Postgres' own errors are
// mapped by SQLSTATE, and nothing a driver says reaches a person raw.
describe('dbFail: the wire shape of app.raise / app.fail_value', () => {
  it('takes the machine code from details, the status from PT<status>, the context from hint', () => {
    expect(
      dbFail({
        code: 'PT422',
        message: '3 required action(s) still to do',
        details: 'REQUIRED_ACTIONS_PENDING',
        hint: '{"field": null, "count": 3}',
      }),
    ).toEqual({
      ok: false,
      code: 'REQUIRED_ACTIONS_PENDING',
      message: '3 required action(s) still to do',
      status: 422,
      details: { count: 3 },
    })
  })

  it('puts the hint’s field under the form’s name for it, and keeps the field in details', () => {
    const error = {
      code: 'PT409',
      message: 'That badge code is already in use',
      details: 'BADGE_TAKEN',
      hint: '{"field": "badge_code"}',
    }
    expect(dbFail(error, { badge_code: 'badgeCode' })).toEqual({
      ok: false,
      code: 'BADGE_TAKEN',
      message: 'That badge code is already in use',
      status: 409,
      fieldErrors: { badgeCode: ['That badge code is already in use'] },
      details: { field: 'badge_code' },
    })
    // unmapped: under the database's own name (the floor API's field paths)
    expect(dbFail(error).fieldErrors).toEqual({ badge_code: ['That badge code is already in use'] })
  })

  it('reads retry_after_seconds as retryAfter (whole seconds)', () => {
    const f = dbFail({
      code: 'PT423',
      message: 'Locked for 14 more minutes',
      details: 'APPROVER_LOCKED',
      hint: '{"field": null, "retry_after_seconds": 839.2}',
    })
    expect(f).toMatchObject({ code: 'APPROVER_LOCKED', status: 423, retryAfter: 840 })
  })

  it('keeps the extra fields of failure values (the recorded scan)', () => {
    const f = dbFail({ code: 'PT404', message: 'No item', details: 'UNKNOWN_CODE', hint: null, scan_id: 's1' } as never)
    expect(f).toMatchObject({ status: 404, code: 'UNKNOWN_CODE', details: { scan_id: 's1' } })
  })

  it('gives a PT<status> without a machine code the generic code of its status', () => {
    expect(dbFail({ code: 'PT423', message: 'Locked for 14 more minutes' })).toEqual({
      ok: false,
      code: 'LOCKED',
      message: 'Locked for 14 more minutes',
      status: 423,
    })
    expect(dbFail({ code: 'PT440', message: 'Signed out' }).code).toBe('SESSION_EXPIRED')
  })
})

describe('dbFail: Postgres’ and PostgREST’s own errors, one table', () => {
  it.each([
    ['23505', 'CONFLICT', 409],
    ['23503', 'CONFLICT', 409],
    ['40001', 'CONFLICT', 409],
    ['40P01', 'CONFLICT', 409],
    ['55P03', 'REQUEST_TIMEOUT', 408],
    ['57014', 'REQUEST_TIMEOUT', 408],
    ['42501', 'FORBIDDEN', 403],
    ['PGRST116', 'NOT_FOUND', 404],
    ['PGRST301', 'NOT_SIGNED_IN', 401],
    ['PGRST303', 'NOT_SIGNED_IN', 401],
    ['22P02', 'VALIDATION_FAILED', 400],
    ['22012', 'VALIDATION_FAILED', 400],
    ['22P05', 'INVALID_TEXT', 400],
    ['22021', 'INVALID_TEXT', 400],
    ['P0001', 'RULE_VIOLATION', 422],
    ['XX000', 'INTERNAL', 500],
  ])('%s → %s %d', (sqlstate, code, status) => {
    expect(dbFail({ code: sqlstate, message: 'x' })).toMatchObject({ code, status })
  })

  it('hides internal wording for constraint, permission and unknown errors', () => {
    expect(
      dbFail({ code: '23505', message: 'duplicate key value violates unique constraint "x_key"' }).message,
    ).not.toMatch(/constraint/)
    expect(dbFail({ code: '42501', message: 'permission denied for function floor_scan' }).message).not.toMatch(
      /floor_scan/,
    )
    expect(dbFail({ code: 'XX000', message: 'internal: stack at foo.c:12' }).message).not.toMatch(/foo\.c/)
    // a 500 named by our own SQL is not shown either
    expect(dbFail({ code: 'PT500', message: 'Unknown error code X', details: 'INTERNAL' }).message).not.toMatch(/X/)
  })

  it('keeps messages our own SQL raised for people (a bare raise in a trigger)', () => {
    expect(dbFail({ code: 'P0001', message: 'Stage skipping is not allowed' }).message).toBe(
      'Stage skipping is not allowed',
    )
  })

  it('no error is INTERNAL; no answer at all (the fetch failed) is UNAVAILABLE; an abort is REQUEST_TIMEOUT', () => {
    expect(dbFail(undefined)).toMatchObject({ code: 'INTERNAL', status: 500 })
    expect(dbFail({ code: '', message: 'TypeError: fetch failed' })).toMatchObject({ code: 'UNAVAILABLE', status: 503 })
    expect(dbFail({ code: '' }, {}, { aborted: true })).toMatchObject({ code: 'REQUEST_TIMEOUT', status: 408 })
  })
})

describe('the failure body on the wire', () => {
  it('round-trips through errorBody and fromErrorBody (the tablet’s client)', () => {
    const f = failWith('SESSION_TAKEN', 'Open on another tablet', {
      status: 409,
      details: { session_id: 's1' },
      fieldErrors: { session_id: ['Open on another tablet'] },
    })
    expect(errorBody(f)).toEqual({
      code: 'SESSION_TAKEN',
      message: 'Open on another tablet',
      fieldErrors: { session_id: ['Open on another tablet'] },
      details: { session_id: 's1' },
    })
    expect(fromErrorBody(errorBody(f), 409)).toEqual(f)
    // an HTML page from a proxy: the status decides
    expect(fromErrorBody(null, 404)).toMatchObject({ code: 'NOT_FOUND', status: 404 })
  })

  it('has an HTTP status for every code, 4xx for everything a user can cause', () => {
    for (const [code, status] of Object.entries(STATUS)) {
      if (code === 'OFFLINE') expect(status).toBe(0)
      else if (code === 'INTERNAL' || code === 'UNAVAILABLE') expect(status).toBeGreaterThanOrEqual(500)
      else expect([status, code]).toEqual([expect.toSatisfy((s: number) => s >= 400 && s < 500), code])
    }
  })
})
