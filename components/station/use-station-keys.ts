'use client'
import { useEffect, useRef } from 'react'
import { createWedgeDetector } from '@/lib/station/scanner'

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
 * is left alone.
 */
export function useStationKeys(handlers: StationKeyHandlers, enabled = true) {
  const ref = useRef(handlers)
  ref.current = handlers
  useEffect(() => {
    if (!enabled) return
    const detector = createWedgeDetector()
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null
      if (target?.closest('input, textarea, select, dialog[open]')) return
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const event = detector.feed(e.key, e.timeStamp || performance.now())
      const h = ref.current
      if (event?.type === 'scan') {
        e.preventDefault()
        h.onScan(event.code)
      } else if (event?.type === 'enter') {
        // Enter on a focused button activates that button, as everywhere else
        if (target?.closest('button, a')) return
        e.preventDefault()
        h.onEnter()
      } else if (event?.type === 'char' && /^[0-9]$/.test(event.char)) {
        h.onDigit(event.char)
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
