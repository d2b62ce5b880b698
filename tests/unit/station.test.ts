import { describe, expect, it } from 'vitest'
import { describeTimeout, formatCountdown, isWarning, touchIntervalMs } from '../../lib/station/idle'
import { pinFailure } from '../../lib/station/pin-in'
import { PinInInput, RegisterStationInput } from '../../lib/station/schema'

describe('idle countdown', () => {
  it('touches at most every 30 s and well inside short timeouts', () => {
    expect(touchIntervalMs(600)).toBe(30_000)
    expect(touchIntervalMs(6)).toBe(1500)
    expect(touchIntervalMs(1)).toBe(1000)
  })
  it('formats the time left', () => {
    expect(formatCountdown(600_000)).toBe('10:00')
    expect(formatCountdown(65_500)).toBe('1:06')
    expect(formatCountdown(-5)).toBe('0:00')
  })
  it('describes the timeout in words and warns near the end', () => {
    expect(describeTimeout(600)).toBe('10 minutes')
    expect(describeTimeout(60)).toBe('1 minute')
    expect(describeTimeout(6)).toBe('6 seconds')
    expect(isWarning(59_000, 600)).toBe(true)
    expect(isWarning(61_000, 600)).toBe(false)
    expect(isWarning(1000, 6)).toBe(true)
  })
})

describe('PIN-in answers', () => {
  it('reads unknown badge and wrong PIN the same, and explains lockout and throttling', () => {
    expect(pinFailure({ code: 'PT401', message: 'Badge or PIN not recognised' })).toEqual({
      ok: false,
      code: 'NOT_SIGNED_IN',
      status: 401,
      message: 'Badge or PIN not recognised. Try again.',
    })
    // the database's uniform count of tries left for the typed badge code, in words
    const withLeft = (n: number) =>
      pinFailure({ code: 'PT401', message: 'Badge or PIN not recognised', hint: JSON.stringify({ attempts_left: n }) })
    expect(withLeft(3)).toMatchObject({ message: 'Badge or PIN not recognised. 3 tries left before a pause.' })
    expect(withLeft(1).message).toBe('Badge or PIN not recognised. 1 try left before a pause.')
    expect(withLeft(0).message).toBe('Badge or PIN not recognised. No tries left: wait a few minutes.')
    expect(pinFailure({ code: 'PT423', message: 'Too many wrong PINs: try again in 15 minutes' })).toMatchObject({
      code: 'LOCKED',
      message: 'Too many wrong PINs: try again in 15 minutes',
    })
    expect(pinFailure({ code: 'PT429' }).code).toBe('RATE_LIMITED')
    expect(pinFailure({ code: 'PT403' }).message).toMatch(/no longer signed in as a station/)
  })
  it('checks the PIN pad and the sign-in form before calling the server', () => {
    expect(PinInInput.safeParse({ badge: ' ', pin: '1234' }).success).toBe(false)
    expect(PinInInput.safeParse({ badge: 'AUR-OP-1', pin: '12' }).success).toBe(false)
    expect(
      RegisterStationInput.parse({ locationId: '30000000-0000-4000-8000-000000000102', name: '  ' }).name,
    ).toBeUndefined()
  })
})
