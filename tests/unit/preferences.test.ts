import { describe, expect, it } from 'vitest'
import { parseInput } from '../../lib/actions'
import { dbFail } from '../../lib/errors'
import { contrast, INK, WHITE } from '../../lib/preferences/contrast'
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
      '--on-brand-500',
      '--on-brand-600',
    ])
    expect(htmlThemeFor({ colorScheme: 'light', fontSize: 'medium', primaryColor: 'nope' }).style).toBeUndefined()
  })
  it('keeps the accent but picks the text on it for WCAG AA (issue 10: white on #007AFF was 4.01:1)', () => {
    expect(contrast('#ffffff', '#007AFF')).toBeCloseTo(4.02, 1)
    for (const accent of ['#007AFF', '#DC2626', '#0D9488', '#F59E0B', '#16A34A', '#1E3A8A', '#FACC15']) {
      const p = brandPalette(accent)
      expect(p['--color-brand-600']).toBe(accent)
      expect(contrast(p['--on-brand-600'], accent)).toBeGreaterThanOrEqual(4.5)
      expect(contrast(p['--on-brand-500'], p['--color-brand-500'])).toBeGreaterThanOrEqual(4.5)
    }
    expect(brandPalette('#007AFF')['--on-brand-600']).toBe(INK)
    expect(brandPalette('#1E3A8A')['--on-brand-600']).toBe(WHITE)
    // the default palette's brand-500 (dark mode's buttons), oklch(0.55 0.16 250) ≈ #0074ca
    expect(contrast(WHITE, '#0074ca')).toBeGreaterThanOrEqual(4.5)
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
