import { describe, expect, it } from 'vitest'
import { checkChar, encodeShortCode, isForeign, labelText, parseCode, shortCode } from '../../lib/scan/label'

// labels minted by the database for the demo seed (supabase/seed.sql): the tablet must agree with it
const SEEDED = ['102GW', '102QE', '1030W', '100SC', '1011W', '1019C', '101GX', '101RD', '1021V', '1028D']

describe('label format', () => {
  it('accepts the check characters the database mints', () => {
    for (const code of SEEDED) expect(shortCode(code), code).toBe(code)
    // codes start at counter 32768 = "1000"
    expect(encodeShortCode(32768).slice(0, 4)).toBe('1000')
    expect(shortCode(encodeShortCode(32768))).toBe(encodeShortCode(32768))
  })

  it('catches every single wrong character and swapped neighbours', () => {
    const code = '102GW'
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
    for (let i = 0; i < code.length; i++) {
      for (const c of alphabet) {
        if (c === code[i]) continue
        expect(shortCode(code.slice(0, i) + c + code.slice(i + 1)), `${i}:${c}`).toBeNull()
      }
    }
    expect(shortCode('120GW')).toBeNull()
  })

  it('reads typed look-alikes the Crockford way', () => {
    expect(shortCode(' 1o2gw ')).toBe('102GW')
    expect(shortCode('1O2GW')).toBe('102GW')
    expect(shortCode('l02gw')).toBe('102GW')
    expect(checkChar('10U')).toBeNull()
  })

  it('parses labels, plain codes and refuses what it cannot read', () => {
    expect(parseCode('fl1:aur:i:102gw')).toEqual({
      ok: true,
      kind: 'label',
      normalised: 'FL1:AUR:I:102GW',
      prefix: 'AUR',
      type: 'item',
      value: '102GW',
    })
    expect(parseCode('FL1:AUR:U:AUR-OP-1')).toMatchObject({ ok: true, type: 'user', value: 'AUR-OP-1' })
    expect(parseCode('FL1:AUR:L:1O2GW')).toMatchObject({ ok: true, type: 'location', normalised: 'FL1:AUR:L:102GW' })
    expect(parseCode('FL1:AUR:I:102GX')).toMatchObject({ ok: false, error: 'INVALID_CODE' })
    expect(parseCode('FL2:AUR:I:102GW')).toMatchObject({ ok: false, error: 'UNSUPPORTED_LABEL_VERSION' })
    expect(parseCode('FL1:AUR:Q:102GW')).toMatchObject({ ok: false, error: 'INVALID_CODE' })
    expect(parseCode(' b-10 ')).toEqual({ ok: true, kind: 'plain', normalised: 'B-10', value: 'B-10' })
    expect(parseCode('#1042')).toMatchObject({ ok: true, kind: 'plain' })
    expect(parseCode('')).toMatchObject({ ok: false, error: 'INVALID_CODE' })
    expect(parseCode('https://example.com/x')).toMatchObject({ ok: false, error: 'INVALID_CODE' })
    expect(parseCode('X'.repeat(65))).toMatchObject({ ok: false, error: 'INVALID_CODE' })
  })

  it('knows a foreign label by its prefix, and builds label text', () => {
    expect(isForeign(parseCode('FL1:BIR:I:102GW'), 'AUR')).toBe(true)
    expect(isForeign(parseCode('FL1:AUR:I:102GW'), 'AUR')).toBe(false)
    expect(isForeign(parseCode('B-10'), 'AUR')).toBe(false)
    expect(labelText('AUR', 'action', '1000Z')).toBe('FL1:AUR:A:1000Z')
    // short enough for a version-1 QR code in alphanumeric mode (25 characters at level M is 20)
    expect(labelText('AURORA', 'item', encodeShortCode(32 ** 5)).length).toBeLessThanOrEqual(20)
  })
})
