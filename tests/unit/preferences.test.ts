import { describe, expect, it } from 'vitest'
import { parseInput } from '../../lib/actions'
import { dbFail } from '../../lib/errors'
import { DEFAULT_PREFERENCES, SavePreferencesInput } from '../../lib/preferences/schema'
import { brandPalette, htmlThemeFor, schemeFromCookie } from '../../lib/preferences/theme'

describe('preferences', () => {
  it('accepts #RRGGBB colours only (spec 02)', () => {
    expect(SavePreferencesInput.safeParse({ ...DEFAULT_PREFERENCES, primaryColor: '#12abEF' }).success).toBe(true)
    for (const c of ['12ABEF', '#12ABE', '#12ABEG', 'red']) {
      expect(SavePreferencesInput.safeParse({ ...DEFAULT_PREFERENCES, primaryColor: c }).success).toBe(false)
    }
  })
  it('renders the scheme as the class app/globals.css expects, and the font scale as a variable', () => {
    expect(htmlThemeFor({ colorScheme: 'dark', fontSize: 'large' })).toEqual({
      className: 'dark',
      style: { '--font-scale': '1.15' },
    })
    expect(htmlThemeFor({ colorScheme: 'system', fontSize: 'medium' })).toEqual({
      className: 'theme-system',
      style: undefined,
    })
    expect(htmlThemeFor({ colorScheme: 'light', fontSize: 'small' }).className).toBeUndefined()
  })
  it('derives the whole brand palette from one colour', () => {
    const p = brandPalette('#DC2626')
    expect(p['--color-brand-600']).toBe('#DC2626')
    expect(Object.keys(p).sort()).toEqual([
      '--color-brand-100',
      '--color-brand-50',
      '--color-brand-500',
      '--color-brand-600',
      '--color-brand-700',
    ])
    expect(htmlThemeFor({ colorScheme: 'light', fontSize: 'medium', primaryColor: 'nope' }).style).toBeUndefined()
  })
  it('falls back to the system scheme for unknown cookie values', () => {
    expect(schemeFromCookie('dark')).toBe('dark')
    expect(schemeFromCookie('purple')).toBe('system')
    expect(schemeFromCookie(undefined)).toBe('system')
  })
})

describe('the action wrapper', () => {
  it('puts zod messages under their fields', () => {
    const r = parseInput(SavePreferencesInput, { ...DEFAULT_PREFERENCES, primaryColor: 'red', fontSize: 'huge' })
    expect(r).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: 'Check the highlighted fields' })
    if (!r.ok) expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(['fontSize', 'primaryColor'])
  })
  it('puts a database refusal that names its field under that field', () => {
    expect(
      dbFail(
        {
          code: 'PT409',
          message: 'That badge code is already in use',
          details: 'BADGE_TAKEN',
          hint: '{"field": "badge_code"}',
        },
        { badge_code: 'badgeCode' },
      ),
    ).toMatchObject({
      ok: false,
      code: 'BADGE_TAKEN',
      status: 409,
      message: 'That badge code is already in use',
      fieldErrors: { badgeCode: ['That badge code is already in use'] },
    })
    // a driver's error names no field of ours
    expect(
      dbFail({ code: '23505', message: 'duplicate key', details: 'Key (badge_code)=(X) exists' }).fieldErrors,
    ).toBeUndefined()
  })
})
