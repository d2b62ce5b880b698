import { describe, expect, it } from 'vitest'
import { fail, STATUS } from '../../lib/result'

describe('fail()', () => {
  it('keeps messages our own SQL functions raise for people', () => {
    expect(fail({ code: 'PT423', message: 'Locked for 14 more minutes' })).toEqual({
      ok: false,
      code: 'locked',
      message: 'Locked for 14 more minutes',
    })
    expect(fail({ code: 'P0001', message: 'Stage skipping is not allowed' }).code).toBe('rule_violation')
  })
  it('hides internal wording for constraint and permission errors', () => {
    const f = fail({ code: '23505', message: 'duplicate key value violates unique constraint "x_key"' })
    expect(f.code).toBe('conflict')
    expect(f.message).not.toMatch(/constraint/)
    expect(fail({ code: '42501', message: 'new row violates row-level security policy' }).code).toBe('forbidden')
  })
  it('treats unknown errors as unexpected without leaking them', () => {
    const f = fail({ code: 'XX000', message: 'internal: stack at foo.c:12' })
    expect(f).toMatchObject({ code: 'unexpected' })
    expect(f.message).not.toMatch(/foo\.c/)
    expect(fail(undefined).code).toBe('unexpected')
  })
  it('maps data exceptions to invalid', () => {
    expect(fail({ code: '22P02', message: 'invalid input syntax for type uuid: "x"' }).code).toBe('invalid')
    expect(fail({ code: '22012', message: 'division by zero' }).code).toBe('invalid')
  })
  it('has an HTTP status for every code, 4xx for everything a user can cause', () => {
    for (const [code, status] of Object.entries(STATUS)) {
      if (code !== 'unexpected') expect(status).toBeGreaterThanOrEqual(400)
      if (code !== 'unexpected') expect(status).toBeLessThan(500)
    }
  })
})
