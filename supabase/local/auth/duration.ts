import { badRequest } from './errors'

const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
}

/**
 * Go's time.ParseDuration (what GoTrue reads ban_duration with), in seconds: "24h", "1h30m",
 * "876000h", "-1.5h". Errors are worded as Go's and answered 400 validation_failed.
 */
export function parseGoDuration(input: string): number {
  const fail = (why: string) => badRequest('validation_failed', `invalid format for ban duration: time: ${why}`)
  let s = input
  let sign = 1
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1
    s = s.slice(1)
  }
  if (s === '0') return 0
  if (s === '') throw fail(`invalid duration "${input}"`)
  let total = 0
  const part = /^(\d*)(\.\d*)?([^\d.]*)/
  while (s.length > 0) {
    const m = part.exec(s)
    if (!m || (m[1] === '' && (m[2] === undefined || m[2] === '.'))) throw fail(`invalid duration "${input}"`)
    const [whole, int, frac = '', unit] = m
    if (unit === '') throw fail(`missing unit in duration "${input}"`)
    const factor = UNIT_SECONDS[unit]
    if (factor === undefined) throw fail(`unknown unit "${unit}" in duration "${input}"`)
    total += Number(`${int || '0'}${frac}`) * factor
    s = s.slice(whole.length)
  }
  return sign * total
}
