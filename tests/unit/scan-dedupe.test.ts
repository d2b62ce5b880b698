import { describe, expect, it } from 'vitest'
import { createDedupe } from '../../lib/scan/dedupe'

describe('same code within the window is one scan', () => {
  it('drops a repeat inside the window, accepts it after', () => {
    const d = createDedupe(2000)
    expect(d.accept('B-10', 0)).toBe(true)
    expect(d.accept('b-10 ', 500)).toBe(false)
    expect(d.accept('B-10', 3000)).toBe(true)
  })

  it('slides while a camera keeps seeing the label at 10 frames a second', () => {
    const d = createDedupe(2000)
    const fired = Array.from({ length: 100 }, (_, i) => d.accept('FL1:AUR:I:102GW', i * 100)).filter(Boolean)
    expect(fired).toHaveLength(1)
  })

  it('handles other codes at once, and forget() lets a failed one through again', () => {
    const d = createDedupe(2000)
    expect(d.accept('B-10', 0)).toBe(true)
    expect(d.accept('B-11', 10)).toBe(true)
    d.forget('B-10')
    expect(d.accept('B-10', 20)).toBe(true)
  })
})
