'use client'
import { useEffect, useRef } from 'react'
import { createWedge } from '@/lib/scan/wedge'

/**
 * A keyboard-wedge scanner anywhere on the page: no field needs focus. Keys typed into a real field
 * (the manual code input, a dialog's form) are left to that field — a scanner firing into the
 * manual input submits it, which reaches the same handler.
 */
export function useWedge(onScan: (code: string) => void, enabled = true) {
  const handler = useRef(onScan)
  handler.current = onScan
  useEffect(() => {
    if (!enabled) return
    const wedge = createWedge()
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const target = e.target as HTMLElement | null
      if (target?.closest('input, textarea, select, [contenteditable="true"], dialog[open]')) {
        wedge.reset()
        return
      }
      const r = wedge.feed(e.key, e.timeStamp || performance.now())
      if (r.type === 'scan') {
        e.preventDefault()
        handler.current(r.code)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [enabled])
}
