import { describe, expect, it } from 'vitest'
import { pgErrorStatus } from './errors'
import { parseFilterKey, parseFilterValue, parseList, parseLogic, parseOrder } from './parse-filter'
import { parseSelect } from './parse-select'
import { parsePrefer, topRange } from './request'
import { arrayLiteral } from './sql-read'

describe('select parser', () => {
  it('reads columns, aliases, casts, json paths and embeds', () => {
    expect(parseSelect('id,label:title,estimate::text,profile->a->>b,tags->0')).toEqual([
      { kind: 'column', field: { name: 'id', jsonPath: [] }, cast: undefined, alias: undefined },
      { kind: 'column', field: { name: 'title', jsonPath: [] }, cast: undefined, alias: 'label' },
      { kind: 'column', field: { name: 'estimate', jsonPath: [] }, cast: 'text', alias: undefined },
      {
        kind: 'column',
        field: {
          name: 'profile',
          jsonPath: [
            { arrow: '->', key: 'a', index: false },
            { arrow: '->>', key: 'b', index: false },
          ],
        },
        cast: undefined,
        alias: undefined,
      },
      {
        kind: 'column',
        field: { name: 'tags', jsonPath: [{ arrow: '->', key: '0', index: true }] },
        cast: undefined,
        alias: undefined,
      },
    ])
    expect(parseSelect('*,owner:people!owner_fk!inner(name,team(*)),...teams(n:name),empty()')).toMatchObject([
      { kind: 'star' },
      { kind: 'embed', target: 'people', alias: 'owner', hint: 'owner_fk', joinType: 'inner', spread: false },
      { kind: 'embed', target: 'teams', spread: true, items: [{ kind: 'column', alias: 'n' }] },
      { kind: 'embed', target: 'empty', items: [] },
    ])
    expect(parseSelect('"a,b":"weird col"')).toMatchObject([
      { kind: 'column', alias: 'a,b', field: { name: 'weird col' } },
    ])
  })

  it('rejects bad syntax with PGRST100 and aggregates with PGRST123', () => {
    expect(() => parseSelect('a,(')).toThrow(
      expect.objectContaining({ body: expect.objectContaining({ code: 'PGRST100' }) }),
    )
    expect(() => parseSelect('x::int;drop')).toThrow()
    expect(() => parseSelect('count()')).toThrow(
      expect.objectContaining({ body: expect.objectContaining({ code: 'PGRST123' }) }),
    )
  })
})

describe('filter parser', () => {
  it('reads operators, negation, modifiers and lists', () => {
    const f = (v: string) => parseFilterValue({ name: 'c', jsonPath: [] }, v)
    expect(f('eq.a.b')).toMatchObject({ negated: false, expr: { kind: 'simple', op: 'eq', value: 'a.b' } })
    expect(f('not.like(any).{a*,b*}')).toMatchObject({
      negated: true,
      expr: { kind: 'simple', op: 'like', quant: 'any', value: '{a*,b*}' },
    })
    expect(f('in.(1,"a,b","c\\"d")')).toMatchObject({ expr: { kind: 'in', values: ['1', 'a,b', 'c"d'] } })
    expect(f('is.NULL')).toMatchObject({ expr: { kind: 'is', value: 'null' } })
    expect(f('wfts(english).cat -dog')).toMatchObject({
      expr: { kind: 'fts', op: 'wfts', language: 'english', value: 'cat -dog' },
    })
    expect(() => f('nope.1')).toThrow()
    expect(() => f('is.maybe')).toThrow()
  })

  it('falls back to raw list items when a quote is not closed where expected', () => {
    expect(parseList('(a,"b "c"",d)', 'filter')).toEqual(['a', '"b "c""', 'd'])
  })

  it('splits embed paths from json paths in keys', () => {
    expect(parseFilterKey('rel.sub.col->>k')).toEqual({
      path: ['rel', 'sub'],
      field: { name: 'col', jsonPath: [{ arrow: '->>', key: 'k', index: false }] },
    })
  })

  it('reads nested logic trees with quoted values', () => {
    const t = parseLogic('or', false, '(a.eq.1,and(b.gt.2,not.or(c.is.null,d.in.("x,y",z))),e.eq."p(q),r")')
    expect(t).toMatchObject({
      op: 'or',
      children: [
        { kind: 'filter', filter: { field: { name: 'a' }, expr: { value: '1' } } },
        {
          kind: 'logic',
          op: 'and',
          children: [
            { kind: 'filter' },
            {
              kind: 'logic',
              op: 'or',
              negated: true,
              children: [{ kind: 'filter' }, { kind: 'filter', filter: { expr: { values: ['x,y', 'z'] } } }],
            },
          ],
        },
        { kind: 'filter', filter: { expr: { value: 'p(q),r' } } },
      ],
    })
  })

  it('reads order terms', () => {
    expect(parseOrder('a.desc.nullslast,b,rel(c).asc')).toEqual([
      { field: { name: 'a', jsonPath: [] }, relation: undefined, direction: 'desc', nulls: 'last' },
      { field: { name: 'b', jsonPath: [] }, relation: undefined },
      { field: { name: 'c', jsonPath: [] }, relation: 'rel', direction: 'asc' },
    ])
  })
})

describe('request pieces', () => {
  it('parses Prefer and refuses unknown preferences only with handling=strict', () => {
    expect(parsePrefer('return=representation, count=exact, foo=bar').prefs).toEqual({
      return: 'representation',
      count: 'exact',
    })
    expect(() => parsePrefer('handling=strict, foo=bar')).toThrow(
      expect.objectContaining({ body: expect.objectContaining({ code: 'PGRST122' }) }),
    )
  })

  it('narrows the Range header with limit/offset', () => {
    expect(topRange(undefined, undefined, undefined)).toEqual({ offset: 0, limit: undefined })
    expect(topRange('0-9', undefined, undefined)).toEqual({ offset: 0, limit: 10 })
    expect(topRange('0-9', 5, 2)).toEqual({ offset: 2, limit: 5 })
    expect(topRange(undefined, 0, undefined)).toEqual({ offset: 0, limit: 0 })
    expect(() => topRange('5-1', undefined, undefined)).toThrow()
  })

  it('builds array literals that survive quotes and backslashes', () => {
    expect(arrayLiteral(['a', 'b,c', 'd"e', 'f\\g'])).toBe('{"a","b,c","d\\"e","f\\\\g"}')
  })
})

describe('status mapping', () => {
  it('follows PostgREST', () => {
    expect(pgErrorStatus('42501', '', false)).toBe(401)
    expect(pgErrorStatus('42501', '', true)).toBe(403)
    expect(pgErrorStatus('23505', '', true)).toBe(409)
    expect(pgErrorStatus('23503', '', true)).toBe(409)
    expect(pgErrorStatus('23502', '', true)).toBe(400)
    expect(pgErrorStatus('P0001', '', true)).toBe(400)
    expect(pgErrorStatus('PT418', '', true)).toBe(418)
    expect(pgErrorStatus('42P01', '', true)).toBe(404)
    expect(pgErrorStatus('42883', '', true)).toBe(404)
    expect(pgErrorStatus('25006', '', true)).toBe(405)
    expect(pgErrorStatus('40001', '', true)).toBe(500)
    expect(pgErrorStatus('57014', '', true)).toBe(500)
    expect(pgErrorStatus('53300', '', true)).toBe(503)
    expect(pgErrorStatus('XX000', '', true)).toBe(500)
  })
})
