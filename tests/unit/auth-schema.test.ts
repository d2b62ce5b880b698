import { describe, expect, it } from 'vitest'
import { landingPath, SignInInput, safeNextPath } from '../../lib/auth/schema'

describe('SignInInput', () => {
  it('trims and lower-cases the email the person typed', () => {
    const r = SignInInput.parse({ email: '  Manager@Aurora.TEST ', password: 'x' })
    expect(r.email).toBe('manager@aurora.test')
  })
  it('says which field is wrong, in plain words', () => {
    const r = SignInInput.safeParse({ email: '', password: '' })
    expect(r.success).toBe(false)
    const byField = Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path[0], i.message]))
    expect(byField).toEqual({ email: 'Enter your email address', password: 'Enter your password' })
    expect(SignInInput.safeParse({ email: 'not-an-email', password: 'x' }).error?.issues[0].message).toBe(
      'That is not an email address',
    )
  })
})

describe('safeNextPath', () => {
  it('keeps paths on this site', () => {
    expect(safeNextPath('/aurora/station')).toBe('/aurora/station')
    expect(safeNextPath('/birch?x=1')).toBe('/birch?x=1')
  })
  it('refuses anything that could leave the site', () => {
    for (const bad of [
      '//evil.test',
      '/\\evil.test',
      'https://evil.test',
      'evil',
      '',
      '/\t/evil.test',
      null,
      undefined,
    ]) {
      expect(safeNextPath(bad)).toBeNull()
    }
  })
})

describe('landingPath', () => {
  it('goes to the only organisation, or to the chooser when there are several or none', () => {
    expect(landingPath(['aurora'])).toBe('/aurora')
    expect(landingPath(['aurora', 'birch'])).toBe('/')
    expect(landingPath([])).toBe('/')
  })
  it('prefers a safe next page, never /login itself', () => {
    expect(landingPath(['aurora', 'birch'], '/birch/station')).toBe('/birch/station')
    expect(landingPath(['aurora'], '/login')).toBe('/aurora')
    expect(landingPath(['aurora'], '//evil.test')).toBe('/aurora')
  })
})
