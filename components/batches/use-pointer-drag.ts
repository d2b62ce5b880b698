'use client'
import { type PointerEvent as ReactPointerEvent, useCallback, useEffect, useRef, useState } from 'react'

export interface DragState<T> {
  item: T
  /** Pointer position and the grab offset inside the card, for the floating copy. */
  x: number
  y: number
  offsetX: number
  offsetY: number
  width: number
  /** The drop target under the pointer (its data-drop attribute), if any. */
  over: string | null
}

const THRESHOLD = 6
const EDGE = 56

/**
 * Drag and drop on pointer events, so mouse, pen and touch behave alike (HTML5 drag and drop does
 * nothing on touch screens). A drag starts after the pointer moves a few pixels, so clicks on the
 * card's buttons stay clicks; drop targets are elements with `data-drop="<id>"`; the scroll
 * container follows the pointer near its edges; Escape cancels.
 */
export function usePointerDrag<T>({
  onDrop,
  scroller,
}: {
  onDrop: (item: T, target: string) => void
  scroller: React.RefObject<HTMLElement | null>
}) {
  const [drag, setDrag] = useState<DragState<T> | null>(null)
  const pending = useRef<{ item: T; x: number; y: number; rect: DOMRect; id: number } | null>(null)
  const current = useRef<DragState<T> | null>(null)
  const frame = useRef<number | null>(null)
  const suppressClick = useRef(false)
  const dropRef = useRef(onDrop)
  dropRef.current = onDrop

  const end = useCallback((commit: boolean) => {
    const state = current.current
    pending.current = null
    current.current = null
    if (frame.current !== null) cancelAnimationFrame(frame.current)
    frame.current = null
    setDrag(null)
    // the click that ends a drag fires right after pointerup, if at all (not when the card moved
    // away under the pointer): stop swallowing clicks once it had its chance
    setTimeout(() => {
      suppressClick.current = false
    }, 0)
    if (commit && state?.over) dropRef.current(state.item, state.over)
  }, [])

  useEffect(() => {
    const targetAt = (x: number, y: number) =>
      (document.elementFromPoint(x, y)?.closest('[data-drop]') as HTMLElement | null)?.dataset.drop ?? null

    const autoScroll = () => {
      const state = current.current
      const el = scroller.current
      if (!state || !el) return
      const r = el.getBoundingClientRect()
      const dx = state.x < r.left + EDGE ? -12 : state.x > r.right - EDGE ? 12 : 0
      if (dx) {
        el.scrollLeft += dx
        const over = targetAt(state.x, state.y)
        if (over !== state.over) {
          current.current = { ...state, over }
          setDrag(current.current)
        }
      }
      frame.current = requestAnimationFrame(autoScroll)
    }

    const move = (e: PointerEvent) => {
      const p = pending.current
      if (!p || e.pointerId !== p.id) return
      if (!current.current) {
        if (Math.hypot(e.clientX - p.x, e.clientY - p.y) < THRESHOLD) return
        current.current = {
          item: p.item,
          x: e.clientX,
          y: e.clientY,
          offsetX: p.x - p.rect.left,
          offsetY: p.y - p.rect.top,
          width: p.rect.width,
          over: null,
        }
        suppressClick.current = true
        frame.current = requestAnimationFrame(autoScroll)
      }
      e.preventDefault()
      current.current = { ...current.current, x: e.clientX, y: e.clientY, over: targetAt(e.clientX, e.clientY) }
      setDrag(current.current)
    }
    const up = (e: PointerEvent) => {
      if (pending.current && e.pointerId === pending.current.id) end(current.current !== null)
    }
    const cancel = (e: PointerEvent) => {
      if (pending.current && e.pointerId === pending.current.id) end(false)
    }
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && current.current) end(false)
    }
    // a click right after a drop would otherwise press the button the card landed on
    const click = (e: MouseEvent) => {
      if (suppressClick.current) {
        suppressClick.current = false
        e.stopPropagation()
        e.preventDefault()
      }
    }
    window.addEventListener('pointermove', move, { passive: false })
    window.addEventListener('pointerup', up)
    window.addEventListener('pointercancel', cancel)
    window.addEventListener('keydown', key)
    window.addEventListener('click', click, true)
    return () => {
      window.removeEventListener('pointermove', move)
      window.removeEventListener('pointerup', up)
      window.removeEventListener('pointercancel', cancel)
      window.removeEventListener('keydown', key)
      window.removeEventListener('click', click, true)
    }
  }, [end, scroller])

  /** Spread on the draggable element (or its grip). */
  const handle = useCallback((item: T) => {
    return {
      onPointerDown(e: ReactPointerEvent<HTMLElement>) {
        if (e.button !== 0 || pending.current) return
        // buttons and links inside the card keep their own clicks (the grip is a div)
        if ((e.target as HTMLElement).closest('button, a, input, select, textarea')) return
        suppressClick.current = false
        const card = (e.currentTarget.closest('[data-draggable]') as HTMLElement | null) ?? e.currentTarget
        pending.current = { item, x: e.clientX, y: e.clientY, rect: card.getBoundingClientRect(), id: e.pointerId }
      },
    }
  }, [])

  return { drag, handle }
}
