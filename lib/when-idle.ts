/**
 * Runs `fn` once the browser is idle after the page's own work (hydration, first paint), or after
 * `timeoutMs` at the latest; where requestIdleCallback does not exist (Safari before 18.2), after a
 * plain `timeoutMs` timer. For code a page needs soon but not for its first paint, such as the
 * tracking page's realtime client: loading it on mount competes with hydration on a slow phone.
 * Returns a cancel function.
 */
export function whenIdle(fn: () => void, timeoutMs = 2000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => fn(), { timeout: timeoutMs })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(fn, timeoutMs)
  return () => clearTimeout(id)
}
