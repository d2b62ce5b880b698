import { describe, expect, it } from 'vitest'
import { createWedge, type WedgeResult } from '../../lib/scan/wedge'

/** Feeds keys at a fixed pace; returns the scans fired. */
function type(wedge: ReturnType<typeof createWedge>, keys: string[], msPerKey: number, start = 1000) {
  const fired: string[] = []
  keys.forEach((k, i) => {
    const r = wedge.feed(k, start + i * msPerKey)
    if (r.type === 'scan') fired.push(r.code)
  })
  return fired
}
const chars = (s: string) => [...s]

describe('keyboard-wedge detection', () => {
  it('fires for a scanner at ~8 ms per character ending in Enter', () => {
    expect(type(createWedge(), [...chars('FL1:AUR:I:102GW'), 'Enter'], 8)).toEqual(['FL1:AUR:I:102GW'])
  })

  it('never fires for a person typing at 60–150 ms per character', () => {
    for (const pace of [60, 90, 150]) expect(type(createWedge(), [...chars('B-10'), 'Enter'], pace)).toEqual([])
  })

  it('never fires for a partial read without Enter', () => {
    const w = createWedge()
    expect(type(w, chars('FL1:AUR:I:10'), 8)).toEqual([])
    expect(w.pending).toBe('FL1:AUR:I:10')
    // the rest arrives much later with an Enter: the halves are never joined into one scan
    expect(type(w, [...chars('2GW'), 'Enter'], 8, 5000)).not.toContain('FL1:AUR:I:102GW')
    // a burst cut short before Enter, then a person's Enter: nothing
    expect(type(w, chars('FL1:AUR'), 8, 9000)).toEqual([])
    expect(w.feed('Enter', 9500)).toEqual({ type: 'ignored' })
  })

  it('ignores Shift between capitals, as scanners send it', () => {
    const keys = chars('AUR-OP-1').flatMap((c) => (/[A-Z]/.test(c) ? ['Shift', c] : [c]))
    expect(type(createWedge(), [...keys, 'Enter'], 4)).toEqual(['AUR-OP-1'])
  })

  it('a burst after slow typing is scanned alone; a slow Enter does not fire', () => {
    const w = createWedge()
    expect(type(w, chars('abc'), 200)).toEqual([])
    expect(type(w, [...chars('B-10'), 'Enter'], 7, 3000)).toEqual(['B-10'])
    expect(type(w, [...chars('B-11')], 7, 6000)).toEqual([])
    expect(w.feed('Enter', 6000 + 3 * 7 + 400)).toEqual({ type: 'ignored' })
  })

  it('tolerates one busy moment of the page inside a scanner burst', () => {
    const w = createWedge()
    const keys = [...chars('FL1:AUR:I:102GW'), 'Enter']
    const fired: string[] = []
    let at = 1000
    keys.forEach((k, i) => {
      at += i === 1 ? 70 : 8 // the first key woke the page up (audio, a re-render)
      const r = w.feed(k, at)
      if (r.type === 'scan') fired.push(r.code)
    })
    expect(fired).toEqual(['FL1:AUR:I:102GW'])
  })

  it('reads a code whole across a stall of the tablet, never its tail alone', () => {
    const w = createWedge()
    const keys = [...chars('FL1:AUR:I:102GW'), 'Enter']
    // the keys stop for 400 ms after "FL1:" (a busy tablet, a Bluetooth hiccup), then keep coming
    const gaps = keys.map((_, i) => (i === 0 ? 0 : i === 4 ? 400 : 8))
    let at = 1000
    const fired = keys.flatMap((k, i) => {
      at += gaps[i]
      const r = w.feed(k, at)
      return r.type === 'scan' ? [r.code] : []
    })
    expect(fired).toEqual(['FL1:AUR:I:102GW'])
  })

  it('a stall after a person’s keys (or after one or two fast ones) starts again', () => {
    const w = createWedge()
    expect(type(w, chars('ab'), 10)).toEqual([]) // two rolled keys are not a scanner's burst
    expect(type(w, [...chars('B-10'), 'Enter'], 8, 1300)).toEqual(['B-10'])
    expect(type(w, chars('xyz'), 120, 3000)).toEqual([]) // a person's keys, then a scan 300 ms later
    expect(type(w, [...chars('B-11'), 'Enter'], 8, 3000 + 2 * 120 + 300)).toEqual(['B-11'])
  })

  it('a quick typist at 40 ms per character is still a person', () => {
    expect(type(createWedge(), [...chars('B-10'), 'Enter'], 40)).toEqual([])
  })

  it('drops too-short codes and resets on navigation keys', () => {
    expect(type(createWedge(), ['A', 'B', 'Enter'], 5)).toEqual([])
    expect(type(createWedge(), [...chars('B-1'), 'ArrowLeft', '0', 'Enter'], 5)).toEqual([])
  })
})

/**
 * The station's PIN pad listens through the same detector (components/station/use-station-keys.ts):
 * a badge scanned anywhere on the page, or a person's digits and Enter for the PIN.
 */
describe('keyboard-wedge detection on the station PIN pad', () => {
  /** Feeds keys with the given gaps before each (the first key's gap is from `start`); returns the last read. */
  function press(wedge: ReturnType<typeof createWedge>, keys: string[], gaps: number[] | number, start = 1000) {
    let at = start
    let last: WedgeResult = { type: 'ignored' }
    keys.forEach((k, i) => {
      at += typeof gaps === 'number' ? (i === 0 ? 0 : gaps) : (gaps[i] ?? 0)
      last = wedge.feed(k, at)
    })
    return last
  }

  it('reads a badge scanner burst ending in Enter as a scan', () => {
    expect(press(createWedge(), [...chars('AUR-OP-2'), 'Enter'], 8)).toEqual({ type: 'scan', code: 'AUR-OP-2' })
  })

  it('reads a person typing a PIN and pressing Enter as typing, not a scan', () => {
    expect(press(createWedge(), [...chars('1234'), 'Enter'], 180)).toEqual({ type: 'ignored' })
  })

  it('reads a fast typist’s 4-digit PIN and Enter as typing, not a badge scan', () => {
    // 35–45 ms a key: faster than most people, and under the 50 ms per-key rule the station had
    for (const pace of [35, 40, 45]) {
      expect(press(createWedge(), [...chars('1234'), 'Enter'], pace)).toEqual({ type: 'ignored' })
    }
    // rolled digits (two keys nearly together) and then the reach for Enter
    expect(press(createWedge(), [...chars('2580'), 'Enter'], [0, 25, 15, 30, 90])).toEqual({ type: 'ignored' })
    // a digits-only badge at scanner pace is still a scan: the pace decides, not what was typed
    expect(press(createWedge(), [...chars('2580'), 'Enter'], 7)).toEqual({ type: 'scan', code: '2580' })
  })

  it('reads a badge whole when the keys stall inside it, never its tail as another badge', () => {
    const keys = [...chars('E2E-CM000D2FD'), 'Enter']
    const gaps = keys.map((_, i) => (i === 0 ? 0 : i === 9 ? 250 : 5))
    expect(press(createWedge(), keys, gaps)).toEqual({ type: 'scan', code: 'E2E-CM000D2FD' })
  })

  it('reads rolled PIN digits with a pause between them as typing', () => {
    // "12" rolled, a pause, "34" rolled, Enter: no scanner-fast run before the pause to carry on
    expect(press(createWedge(), [...chars('1234'), 'Enter'], [0, 15, 300, 15, 60])).toEqual({ type: 'ignored' })
  })

  it('does not glue a scan onto digits typed earlier', () => {
    const w = createWedge()
    press(w, chars('12'), 150, 0)
    expect(press(w, [...chars('AUR-OP-1'), 'Enter'], 10, 5000)).toEqual({ type: 'scan', code: 'AUR-OP-1' })
  })

  it('ignores bursts too short to be a badge, and resets on other keys', () => {
    const w = createWedge()
    expect(press(w, ['A', 'B', 'Enter'], 5, 0)).toEqual({ type: 'ignored' })
    expect(press(w, ['A', 'B', 'ArrowLeft', 'C', 'Enter'], 5, 100)).toEqual({ type: 'ignored' })
  })

  it('reads a badge scanner that sends Shift before every capital letter', () => {
    const keys = chars('AUR-OP-1').flatMap((c) => (/[A-Z]/.test(c) ? ['Shift', c] : [c]))
    expect(press(createWedge(), [...keys, 'Enter'], 4)).toEqual({ type: 'scan', code: 'AUR-OP-1' })
  })
})
