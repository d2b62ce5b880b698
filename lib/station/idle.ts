import { count } from '@/lib/format'

/** How often an active operator's session is touched: at most every 30 s, and well inside the timeout. */
export function touchIntervalMs(idleTimeoutSeconds: number): number {
  return Math.max(1000, Math.min(30_000, Math.floor((idleTimeoutSeconds * 1000) / 4)))
}

/** "9:05" / "0:07": the idle countdown on the operator screen. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const m = Math.floor(total / 60)
  const s = total % 60
  return `${m}:${String(s).padStart(2, '0')}`
}

/** "10 minutes" / "6 seconds": the timeout in words. */
export function describeTimeout(seconds: number): string {
  if (seconds >= 60) {
    const m = Math.round(seconds / 60)
    return count(m, 'minute')
  }
  const s = Math.round(seconds)
  return count(s, 'second')
}

/** Whether the countdown should warn: the last fifth of the timeout, at most the last minute. */
export function isWarning(remainingMs: number, idleTimeoutSeconds: number): boolean {
  return remainingMs <= Math.min(60_000, idleTimeoutSeconds * 200)
}
