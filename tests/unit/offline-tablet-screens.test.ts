import { describe, expect, it } from 'vitest'
import { isCountScreen, screenKey, tabletScreenOf, tabletScreens } from '@/lib/offline/tablet-screens'

const u = (p: string) => new URL(p, 'http://tablet.local')

describe('tablet screens kept for offline (lib/offline/tablet-screens.ts)', () => {
  it('knows the station, scan and queue screens of a workshop', () => {
    expect(tabletScreenOf(u('/aurora/scan'))).toEqual({ slug: 'aurora', screen: 'scan' })
    expect(tabletScreenOf(u('/aurora/station?ended=idle'))).toEqual({ slug: 'aurora', screen: 'station' })
    expect(tabletScreenOf(u('/aurora/queue/'))).toEqual({ slug: 'aurora', screen: 'queue' })
    expect(tabletScreens('aurora')).toEqual(['/aurora/station', '/aurora/scan', '/aurora/queue'])
  })
  it("knows a count's sheet by its id", () => {
    const id = '0b6f1c2e-8a3d-4c1b-9e2f-5a6b7c8d9e0f'
    expect(tabletScreenOf(u(`/aurora/count/${id}`))).toEqual({ slug: 'aurora', screen: 'count' })
    expect(screenKey(u(`/aurora/count/${id}/`))).toBe(`http://tablet.local/aurora/count/${id}`)
    expect(isCountScreen('aurora', `/aurora/count/${id}`)).toBe(true)
    expect(isCountScreen('aurora', '/aurora/counts')).toBe(false)
    for (const p of ['/aurora/count', '/aurora/count/x', `/aurora/counts/${id}`, `/api/count/${id}`])
      expect(tabletScreenOf(u(p)), p).toBeNull()
  })
  it('leaves other pages, API routes and RSC payloads alone', () => {
    for (const p of ['/aurora', '/aurora/orders', '/aurora/scan/x', '/api/scan', '/api/queue', '/aurora/scan?_rsc=1x'])
      expect(tabletScreenOf(u(p)), p).toBeNull()
  })
  it('keeps one copy per screen, whatever its query', () => {
    expect(screenKey(u('/aurora/scan?item=1'))).toBe('http://tablet.local/aurora/scan')
    expect(screenKey(u('/aurora/scan/'))).toBe('http://tablet.local/aurora/scan')
  })
})
