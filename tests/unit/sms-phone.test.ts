/** Phone numbers to E.164 (lib/sms/phone.ts): what people type in a Philippine workshop and elsewhere. */
import { describe, expect, it } from 'vitest'
import { callingCodeOf, isE164, toE164 } from '../../lib/sms/phone'

describe('toE164', () => {
  it('reads local Philippine mobile numbers with the org default country', () => {
    for (const typed of ['0917 123 4567', '09171234567', '(0917) 123-4567', '917 123 4567', '+63 917 123 4567']) {
      expect(toE164(typed, 'PH')).toMatchObject({ ok: true, e164: '+639171234567', country: 'PH' })
    }
  })

  it('keeps an international number international whatever the default country', () => {
    expect(toE164('+1 415 555 2671', 'PH')).toMatchObject({ ok: true, e164: '+14155552671', country: 'US' })
    expect(toE164('+44 7400 123456', 'PH')).toMatchObject({ ok: true, e164: '+447400123456', country: 'GB' })
  })

  it('needs a + when no default country is known', () => {
    expect(toE164('0917 123 4567')).toEqual({ ok: false, reason: expect.stringMatching(/country code/) })
    expect(toE164('+639171234567')).toMatchObject({ ok: true, e164: '+639171234567' })
  })

  it('refuses with a reason a person can act on', () => {
    expect(toE164('', 'PH')).toEqual({ ok: false, reason: 'Enter a phone number.' })
    expect(toE164('   ', 'PH')).toEqual({ ok: false, reason: 'Enter a phone number.' })
    expect(toE164('hello', 'PH')).toEqual({ ok: false, reason: expect.stringMatching(/phone number/) })
    expect(toE164('0917', 'PH')).toEqual({ ok: false, reason: expect.stringMatching(/short|digits/) })
    expect(toE164('0917 123 4567 8901 2345', 'PH')).toEqual({ ok: false, reason: expect.stringMatching(/long|digits/) })
    expect(toE164('0917 123 4567', 'XX')).toEqual({ ok: false, reason: expect.stringMatching(/not a country code/) })
    expect(toE164('+63 917 123 4567 ext. 12', 'PH')).toEqual({ ok: false, reason: expect.stringMatching(/extension/) })
  })

  it('refuses numbers of the right length that the numbering plan does not have', () => {
    // PH mobile prefixes start 9; 0117… is no number at all.
    expect(toE164('0117 123 4567', 'PH')).toMatchObject({ ok: false })
  })

  it('refuses a landline: it cannot receive a text', () => {
    // Manila fixed line (02) 8123 4567.
    expect(toE164('(02) 8123 4567', 'PH')).toEqual({ ok: false, reason: expect.stringMatching(/landline/) })
  })
})

describe('E.164 helpers', () => {
  it('recognises E.164 strictly', () => {
    expect(isE164('+639171234567')).toBe(true)
    for (const bad of ['639171234567', '+0639171234567', '+63 917', '+63-917-123-4567', ''])
      expect(isE164(bad)).toBe(false)
  })

  it('gives the calling code', () => {
    expect(callingCodeOf('+639171234567')).toBe('63')
    expect(callingCodeOf('+14155552671')).toBe('1')
    expect(callingCodeOf('09171234567')).toBeUndefined()
  })
})
