/**
 * The same code twice within a short window is one scan: a camera sees a label in every frame
 * (~10 a second), a scanner may double-fire, a person may press twice. The window slides while the
 * code keeps coming (a label held in front of the camera fires once); another code, or the same
 * one after a pause longer than the window, fires again.
 */
export function createDedupe(windowMs = 2000) {
  const seen = new Map<string, number>()
  return {
    /** True when this code should be handled now; false for a repeat inside the window. */
    accept(code: string, now: number): boolean {
      const key = code.trim().toUpperCase()
      const last = seen.get(key)
      seen.set(key, now)
      if (seen.size > 64) {
        for (const [k, t] of seen) if (now - t > windowMs) seen.delete(k)
      }
      return last === undefined || now - last > windowMs
    },
    /** Forget a code (e.g. its scan failed to send and may be retried at once). */
    forget(code: string) {
      seen.delete(code.trim().toUpperCase())
    },
    clear() {
      seen.clear()
    },
  }
}
