/**
 * Keyboard-wedge badge scanners "type" the code much faster than a person and finish with Enter.
 * The station listens on the whole page (no focused field needed) and tells a scan from typing
 * by the gaps between keys. Pure, so the timing rule is unit-tested.
 */
export interface WedgeOptions {
  /** Longest gap between two keys of one scan (ms). Scanners send a key every 5–30 ms; people 80+. */
  maxGapMs?: number
  /** Shortest code that counts as a scan. */
  minLength?: number
}

export type WedgeEvent = { type: 'scan'; code: string } | { type: 'enter' } | { type: 'char'; char: string } | null

// keys a scanner sends around characters (Shift before each capital) that carry no character
const MODIFIERS = new Set(['Shift', 'CapsLock', 'Control', 'Alt', 'Meta', 'AltGraph', 'Dead', 'Unidentified'])

export function createWedgeDetector({ maxGapMs = 50, minLength = 3 }: WedgeOptions = {}) {
  let buffer = ''
  let last = Number.NEGATIVE_INFINITY

  return {
    /** Feed one KeyboardEvent.key with its time; returns what it meant. */
    feed(key: string, at: number): WedgeEvent {
      if (MODIFIERS.has(key)) return null
      const gap = at - last
      last = at
      if (key === 'Enter') {
        const code = buffer
        buffer = ''
        if (code.length >= minLength && gap <= maxGapMs) return { type: 'scan', code }
        return { type: 'enter' }
      }
      if (key.length !== 1) {
        buffer = ''
        return null
      }
      buffer = gap <= maxGapMs ? buffer + key : key
      return { type: 'char', char: key }
    },
    reset() {
      buffer = ''
      last = Number.NEGATIVE_INFINITY
    },
  }
}
