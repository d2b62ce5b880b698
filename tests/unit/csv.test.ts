import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CSV_BOM, csvCell, csvFilename, csvResponse, guardFormula, toCsv } from '../../lib/csv'
import { csvRoute } from '../../lib/csv-route'
import { failWith } from '../../lib/errors'
import { answer } from '../../lib/route'
import type { AppClient } from '../../lib/supabase/types'

describe('csvCell (RFC 4180)', () => {
  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"')
  })
  it('empty for null/undefined/non-finite; numbers, booleans and dates as text', () => {
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
    expect(csvCell(Number.NaN)).toBe('')
    expect(csvCell(-4.5)).toBe('-4.5')
    expect(csvCell(true)).toBe('true')
    expect(csvCell(new Date('2026-12-04T05:00:00Z'))).toBe('2026-12-04T05:00:00.000Z')
  })
})

describe('formula-injection guard', () => {
  it('prefixes = + - @ tab CR with an apostrophe', () => {
    for (const bad of ['=SUM(A1:A9)', '+1+2', '-2+3', '@cmd', '\t=1', '=HYPERLINK("http://x","y")']) {
      expect(guardFormula(bad).startsWith("'")).toBe(true)
    }
    expect(csvCell('=1+1')).toBe("'=1+1")
    // guarded and quoted: the quote wraps the apostrophe too
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`)
  })
  it('leaves plain numbers (also as text) and ordinary text alone', () => {
    expect(guardFormula('-4.5')).toBe('-4.5')
    expect(guardFormula('+12')).toBe('+12')
    expect(guardFormula('1e-3')).toBe('1e-3')
    expect(guardFormula('a=b')).toBe('a=b')
    expect(guardFormula('Line 3 - stitching')).toBe('Line 3 - stitching')
  })
})

describe('toCsv', () => {
  const cols = [
    { header: 'Operator', value: (r: { name: string; n: number }) => r.name },
    { header: 'Items, done', value: (r: { name: string; n: number }) => r.n },
  ]
  it('header first, CRLF after every line, BOM by default', () => {
    const csv = toCsv(cols, [
      { name: 'Ana', n: 3 },
      { name: '=evil', n: -1 },
    ])
    expect(csv).toBe(`${CSV_BOM}Operator,"Items, done"\r\nAna,3\r\n'=evil,-1\r\n`)
    expect(toCsv(cols, [], { bom: false })).toBe('Operator,"Items, done"\r\n')
  })
})

describe('download response', () => {
  it('safe file names', () => {
    expect(csvFilename('Performance Dec/2026')).toBe('Performance-Dec-2026.csv')
    expect(csvFilename('../../etc/passwd')).toBe('etc-passwd.csv')
    expect(csvFilename('x.csv')).toBe('x.csv')
    expect(csvFilename('"";')).toBe('export.csv')
  })
  it('text/csv attachment, not cached', async () => {
    const r = csvResponse('a\r\n', 'floor perf')
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present')
    expect(r.headers.get('content-disposition')).toContain('attachment; filename="floor-perf.csv"')
    expect(r.headers.get('cache-control')).toBe('no-store')
    expect(await r.text()).toBe('a\r\n')
  })
})

describe('csvRoute', () => {
  const make = (rows: unknown) =>
    csvRoute({
      schema: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/) }),
      from: 'query',
      auth: 'service',
      serviceClient: () => ({}) as AppClient,
      columns: [{ header: 'Day', value: (r: { day: string }) => r.day }],
      filename: (i) => `performance-${i.month}`,
      run: async () => (rows === 'fail' ? failWith('FORBIDDEN', 'Not yours') : answer(rows)),
    })
  it('a success is the CSV file', async () => {
    const r = await make([{ day: '2026-12-01' }])(new Request('http://x/e?month=2026-12'))
    expect(r.status).toBe(200)
    expect(r.headers.get('content-disposition')).toContain('performance-2026-12.csv')
    const bytes = new Uint8Array(await r.arrayBuffer())
    // text() would drop the BOM while decoding: read the bytes
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(`${CSV_BOM}Day\r\n2026-12-01\r\n`)
  })
  it('bad input and failures stay JSON with their code', async () => {
    const bad = await make([])(new Request('http://x/e?month=december'))
    expect(bad.status).toBe(400)
    expect(bad.headers.get('content-type')).toContain('application/json')
    const denied = await make('fail')(new Request('http://x/e?month=2026-12'))
    expect(denied.status).toBe(403)
    expect((await denied.json()).code).toBe('FORBIDDEN')
  })
})
