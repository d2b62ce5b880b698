import { describe, expect, it } from 'vitest'
import { dbFail, fromZod } from '../../lib/errors'
import { CompleteAction, Scan, StartSession } from '../../lib/floor/schemas'
import { checkOps, combine } from '../../lib/floor/sync'
import { findUnstorable, MAX_DEPTH, textProblem } from '../../lib/floor/text'

const ID = '83000000-0000-4000-8000-000000000010'
const NUL = '\u0000'
const HIGH = '\uD83C' // the first half of 🎧 alone
const LOW = '\uDFA7' // the second half alone

describe('storable text (lib/floor/text.ts)', () => {
  it('refuses NUL and unpaired surrogates, accepts everything else', () => {
    expect(textProblem(`B-1${NUL}`)).toBe('nul')
    expect(textProblem(`note ${HIGH}`)).toBe('lone_surrogate')
    expect(textProblem(`${LOW} note`)).toBe('lone_surrogate')
    expect(textProblem(`${LOW}${HIGH}`)).toBe('lone_surrogate') // reversed halves pair with nothing
    expect(textProblem('🎧 Ünïcødé ✓ \t\n')).toBeNull()
    expect(textProblem(`${HIGH}${LOW}`)).toBeNull() // a proper pair is 🎧
  })

  it('finds the first bad string anywhere, keys included, with its path', () => {
    expect(findUnstorable({ a: [1, { b: 'ok' }, { c: `x${NUL}` }] })).toMatchObject({
      path: ['a', 2, 'c'],
      problem: 'nul',
    })
    expect(findUnstorable({ data: { [`k${HIGH}`]: 1 } })).toMatchObject({
      path: ['data', `k${HIGH}`],
      problem: 'lone_surrogate',
    })
    expect(findUnstorable({ a: 1, b: [true, null, 2.5, 'fine'] })).toBeNull()
    let deep: unknown = 'x'
    for (let i = 0; i < MAX_DEPTH + 5; i++) deep = [deep]
    expect(findUnstorable(deep)?.problem).toBe('too_deep')
  })

  it('every disco schema refuses it first, as INVALID_TEXT with the field', () => {
    const scan = Scan.safeParse({ session_id: ID, code: `FL1:AUR:I:102GW${NUL}` })
    expect(scan.success).toBe(false)
    if (scan.success) return
    expect(fromZod(scan.error)).toMatchObject({ status: 400, code: 'INVALID_TEXT', details: { field: 'code' } })
    // deep inside free-form data, even when other fields are also wrong
    const action = CompleteAction.safeParse({
      session_id: 'x',
      item_id: ID,
      action_key: 'a',
      data: { extra: [`${HIGH}`] },
    })
    expect(action.success).toBe(false)
    if (action.success) return
    expect(fromZod(action.error)).toMatchObject({ code: 'INVALID_TEXT', details: { field: 'data.extra.0' } })
    const start = StartSession.safeParse({ device_info: { model: `Tab${NUL}` } })
    expect(start.success || fromZod(start.error).code).toBe('INVALID_TEXT')
    expect(Scan.safeParse({ session_id: ID, code: 'B-1 🎧' }).success).toBe(true)
  })

  it('Postgres refusing text (22P05, 22021) is a 400 INVALID_TEXT, never a 500', () => {
    expect(dbFail({ code: '22P05', message: 'unsupported Unicode escape sequence' })).toMatchObject({
      status: 400,
      code: 'INVALID_TEXT',
    })
    expect(dbFail({ code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' }).status).toBe(400)
  })
})

describe('sync, op by op (lib/floor/sync.ts)', () => {
  const good = (n: number) => ({
    op: 'scan',
    client_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    args: { code: `B-${n}` },
  })

  it('refuses only the bad ops, with a reason each, and keeps the order of the rest', () => {
    const ops: unknown[] = [
      good(1),
      { ...good(2), args: { code: `B-2${NUL}` } },
      good(3),
      { op: 'explode', args: {} },
      'not an op',
      { ...good(6), args: { data: { notes: `half ${HIGH}` } } },
      good(7),
    ]
    const { good: ok, refused } = checkOps(ops)
    expect(ok.map((g) => g.index)).toEqual([0, 2, 6])
    expect(refused.map((r) => [r.index, r.error?.code, r.error?.details?.field])).toEqual([
      [1, 'INVALID_TEXT', 'args.code'],
      [3, 'VALIDATION_FAILED', undefined],
      [4, 'VALIDATION_FAILED', undefined],
      [5, 'INVALID_TEXT', 'args.data.notes'],
    ])
    expect(refused.every((r) => r.outcome === 'refused' && r.status === 400)).toBe(true)
    // what floor_sync answers for the three it was given (its indexes count those)
    const answer = combine(
      ops.length,
      ok,
      [
        { index: 0, op: 'scan', client_id: null, ok: true, status: 200, data: { replayed: false } },
        { index: 1, op: 'scan', client_id: null, ok: true, status: 200, data: { replayed: true } },
        {
          index: 2,
          op: 'scan',
          client_id: null,
          ok: false,
          status: 429,
          error: { code: 'PT429', message: 'Wait', details: 'APPROVER_THROTTLED' },
        },
      ],
      refused,
    )
    expect(answer.results.map((r) => r.outcome)).toEqual([
      'applied',
      'refused',
      'duplicate',
      'refused',
      'refused',
      'refused',
      'retry',
    ])
    expect(answer.results[6]).toMatchObject({ client_id: good(7).client_id, error: { code: 'APPROVER_THROTTLED' } })
    expect(answer).toMatchObject({ succeeded: 2, failed: 5, applied: 1, duplicate: 1, refused: 4, retry: 1 })
    // never echoes the bad text back
    expect(JSON.stringify(answer)).not.toContain('\\u0000')
  })
})
