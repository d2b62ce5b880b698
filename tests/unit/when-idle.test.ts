import { afterEach, describe, expect, it, vi } from 'vitest'
import { whenIdle } from '@/lib/when-idle'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('whenIdle', () => {
  it('waits for the browser to be idle, at most timeoutMs, and can be cancelled', () => {
    const pending = new Map<number, IdleRequestCallback>()
    const asked: (number | undefined)[] = []
    vi.stubGlobal('requestIdleCallback', (cb: IdleRequestCallback, opts?: IdleRequestOptions) => {
      asked.push(opts?.timeout)
      pending.set(pending.size + 1, cb)
      return pending.size
    })
    vi.stubGlobal('cancelIdleCallback', (id: number) => pending.delete(id))
    const fn = vi.fn()
    whenIdle(fn, 1500)
    expect(asked).toEqual([1500])
    expect(fn).not.toHaveBeenCalled()
    pending.get(1)?.({ didTimeout: false, timeRemaining: () => 10 })
    expect(fn).toHaveBeenCalledOnce()
    const cancelled = vi.fn()
    whenIdle(cancelled)()
    expect(pending.has(2)).toBe(false)
  })

  it('falls back to a timer where requestIdleCallback does not exist', () => {
    vi.useFakeTimers()
    vi.stubGlobal('requestIdleCallback', undefined)
    const fn = vi.fn()
    whenIdle(fn, 2000)
    vi.advanceTimersByTime(1999)
    expect(fn).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(fn).toHaveBeenCalledOnce()
    const cancelled = vi.fn()
    whenIdle(cancelled, 2000)()
    vi.advanceTimersByTime(5000)
    expect(cancelled).not.toHaveBeenCalled()
  })
})
