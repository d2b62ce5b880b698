/** SMS parts and encodings (lib/sms/segments.ts): GSM-7 160/153, UCS-2 70/67, extension chars twice. */
import { describe, expect, it } from 'vitest'
import { estimateCostMicros, gsmSeptets, segmentInfo } from '../../lib/sms/segments'

describe('GSM-7', () => {
  it('fits 160 characters in one part and 161 in two', () => {
    expect(segmentInfo('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1, remaining: 0 })
    expect(segmentInfo('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153, remaining: 153 * 2 - 161 })
    expect(segmentInfo('a'.repeat(306)).segments).toBe(2)
    expect(segmentInfo('a'.repeat(307)).segments).toBe(3)
  })

  it('counts extension characters twice', () => {
    expect(gsmSeptets('€')).toBe(2)
    expect(gsmSeptets('a')).toBe(1)
    expect(segmentInfo('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 })
    expect(segmentInfo('€'.repeat(81))).toMatchObject({ units: 162, segments: 2 })
    expect(segmentInfo('{}[]~\\|^€\f')).toMatchObject({ units: 20, encoding: 'GSM-7' })
  })

  it('never splits an escape pair across parts', () => {
    // 152 'a' then '€' (2 septets) would straddle 153: the € moves to part two.
    const text = `${'a'.repeat(152)}€${'a'.repeat(10)}`
    expect(segmentInfo(text)).toMatchObject({ units: 164, segments: 2, remaining: 153 - 12 })
  })

  it('keeps Spanish/Filipino letters of the basic table in GSM-7', () => {
    expect(segmentInfo('Salamat po, Señor Niño! ¿Listo? Ü à é').encoding).toBe('GSM-7')
    expect(segmentInfo('Hello\r\nworld @ £5 $ ¥ §').encoding).toBe('GSM-7')
  })

  it('has no parts for an empty text', () => {
    expect(segmentInfo('')).toMatchObject({ segments: 0, units: 0, encoding: 'GSM-7' })
  })
})

describe('UCS-2', () => {
  it('switches the whole text for one character outside GSM-7 and names it', () => {
    const info = segmentInfo('Your order is ready ’ thanks')
    expect(info).toMatchObject({ encoding: 'UCS-2', units: 28, segments: 1, perSegment: 70, nonGsmChars: ['’'] })
  })

  it('fits 70 units in one part and 71 in two of 67', () => {
    expect(segmentInfo(`ń${'a'.repeat(69)}`)).toMatchObject({ encoding: 'UCS-2', units: 70, segments: 1 })
    expect(segmentInfo(`ń${'a'.repeat(70)}`)).toMatchObject({ units: 71, segments: 2, perSegment: 67 })
    expect(segmentInfo(`ń${'a'.repeat(133)}`).segments).toBe(2)
    expect(segmentInfo(`ń${'a'.repeat(134)}`).segments).toBe(3)
  })

  it('counts an emoji as two units and never splits it', () => {
    expect(segmentInfo('👍')).toMatchObject({ encoding: 'UCS-2', units: 2, segments: 1 })
    // 66 units then an emoji: 68 > 67, the emoji starts part two.
    const text = `${'a'.repeat(66)}👍${'a'.repeat(10)}`
    expect(segmentInfo(text)).toMatchObject({ units: 78, segments: 2, remaining: 67 - 12 })
  })

  it('treats characters GSM-7 lacks as UCS-2 (ç is, Ç only uppercase; á is not)', () => {
    expect(segmentInfo('Ç').encoding).toBe('GSM-7')
    expect(segmentInfo('á').encoding).toBe('UCS-2')
  })
})

describe('cost estimate', () => {
  it('is parts × price', () => {
    expect(estimateCostMicros('a'.repeat(161), 500_000)).toBe(1_000_000)
    expect(estimateCostMicros('', 500_000)).toBe(0)
  })
})
