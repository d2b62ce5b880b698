/**
 * Keyboard-wedge scanners "type" a code far faster than a person (~7–8 ms per character, measured;
 * people ≥ 60 ms) and end it with Enter. The scan screen listens on the whole page, so no field
 * needs focus, and tells a scan from typing by the pace of the keys: a burst ending in Enter whose
 * mean gap is scanner-fast. One slow gap inside a burst is tolerated (the browser's main thread
 * may be busy for a few tens of ms while the keys queue up); a gap longer than `maxGapMs` starts a
 * new burst — except a stall (up to `maxStallMs`) after at least `stallAfter` scanner-fast keys: the
 * keys of one code kept coming after the tablet caught its breath, so the burst goes on and the
 * stall is left out of the mean. Without that, the tail of a code ("AUR:I:102GW" of
 * "FL1:AUR:I:102GW", "D2FD" of a badge) fired as a code of its own: a wrong read is worse than none.
 * A burst that never reaches Enter (a partial read, someone leaning on the keyboard) never fires, nor
 * does an Enter after a pause. Pure, so the timing rule is unit-tested. The one detector of the app:
 * components/scan/use-wedge.ts (scan screen) and components/station/use-station-keys.ts (badge on
 * the PIN pad) feed it. The mean-gap rule is what keeps a fast typist's PIN + Enter (35–45 ms a key)
 * from reading as a badge, which a per-key limit of 50 ms did not.
 */
export interface WedgeOptions {
  /** Mean gap between the keys of a scan, Enter included, stalls left out (ms). */
  maxMeanGapMs?: number
  /** A longer gap ends the burst (or is a stall): what came before is not part of the scan (ms). */
  maxGapMs?: number
  /** The longest stall a scanner-fast burst goes on across (ms). */
  maxStallMs?: number
  /** Scanner-fast keys a burst needs before it may go on across a stall. */
  stallAfter?: number
  /** Shortest code that counts as a scan. */
  minLength?: number
  /** Longest code (a runaway buffer is dropped). */
  maxLength?: number
}

export type WedgeResult = { type: 'scan'; code: string } | { type: 'partial' } | { type: 'ignored' }

// keys a scanner may send around characters (Shift for capitals) without meaning anything
const MODIFIERS = new Set(['Shift', 'CapsLock', 'Control', 'Alt', 'Meta', 'AltGraph', 'Dead', 'Unidentified'])

export function createWedge({
  maxMeanGapMs = 30,
  maxGapMs = 100,
  maxStallMs = 1000,
  stallAfter = 3,
  minLength = 3,
  maxLength = 128,
}: WedgeOptions = {}) {
  let buffer = ''
  let gaps = 0 // sum of the counted gaps inside the buffer
  let counted = 0 // how many gaps that sum holds (stalls are not counted)
  let last = Number.NEGATIVE_INFINITY

  const reset = () => {
    buffer = ''
    gaps = 0
    counted = 0
  }
  const fast = () => counted > 0 && gaps / counted <= maxMeanGapMs

  return {
    /** One KeyboardEvent.key at its time (ms). */
    feed(key: string, at: number): WedgeResult {
      if (MODIFIERS.has(key)) return { type: 'ignored' }
      const gap = at - last
      last = at
      if (key === 'Enter') {
        const code = buffer
        const mean = (gaps + gap) / (counted + 1) // the gaps between the characters, and to Enter
        reset()
        return code.length >= minLength && gap <= maxGapMs && mean <= maxMeanGapMs
          ? { type: 'scan', code }
          : { type: 'ignored' }
      }
      if (key.length !== 1) {
        reset()
        return { type: 'ignored' }
      }
      if (buffer && gap <= maxGapMs) {
        buffer += key
        gaps += gap
        counted++
      } else if (buffer && gap <= maxStallMs && buffer.length >= stallAfter && fast()) {
        buffer += key // a stall inside a scanner's burst: the same code, the stall not counted
      } else {
        reset()
        buffer = key
      }
      if (buffer.length > maxLength) reset()
      return { type: 'partial' }
    },
    /** What is buffered (tests, debugging). */
    get pending() {
      return buffer
    },
    reset() {
      reset()
      last = Number.NEGATIVE_INFINITY
    },
  }
}
