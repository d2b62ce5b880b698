'use client'
import { useEffect, useRef } from 'react'
import { createWedge } from '@/lib/scan/wedge'

export interface StationKeyHandlers {
  onScan: (code: string) => void
  onDigit: (d: string) => void
  onBackspace: () => void
  onEnter: () => void
  onEscape: () => void
}

/**
 * Listens to the whole page, so a keyboard-wedge scanner works without a focused field and a
 * physical keyboard drives the PIN pad. Typing into a real input (the manual badge field, a dialog)
 * is left alone. A scan is told from typing by lib/scan/wedge.ts, the scan screen's detector: a
 * person typing a PIN fast and pressing Enter submits the PIN, it never reads as a badge.
 */
export function useStationKeys(handlers: StationKeyHandlers, enabled = true) {
  const ref = useRef(handlers)
  ref.current = handlers
  useEffect(() => {
    if (!enabled) return
    const wedge = createWedge()
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null
      if (target?.closest('input, textarea, select, dialog[open]')) return
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const read = wedge.feed(e.key, e.timeStamp || performance.now())
      const h = ref.current
      if (read.type === 'scan') {
        e.preventDefault()
        h.onScan(read.code)
      } else if (e.key === 'Enter') {
        // Enter on a focused button activates that button, as everywhere else
        if (target?.closest('button, a')) return
        e.preventDefault()
        h.onEnter()
      } else if (/^[0-9]$/.test(e.key)) {
        // a digit of a badge being scanned lands here too; the scan's choose() clears the PIN
        h.onDigit(e.key)
      } else if (e.key === 'Backspace') {
        e.preventDefault()
        h.onBackspace()
      } else if (e.key === 'Escape') {
        h.onEscape()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [enabled])
}
