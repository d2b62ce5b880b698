'use client'
import { type CSSProperties, type ReactNode, useEffect, useId, useRef, useState } from 'react'
import { cn } from '@/lib/cn'

/**
 * A dropdown: a button that opens a panel of links or buttons. Closes on Escape, on a click
 * outside and after a choice; focus returns to the button. The panel is fixed to the
 * viewport, so a scrolling table cannot clip it, and opens upwards when there is no room below.
 */
/**
 * `label` names a button whose content has no text (an icon); a button that shows text carries its
 * name in that text (sr-only words beside it where needed), so what a voice user reads aloud is
 * its name (WCAG 2.5.3, axe label-content-name-mismatch).
 */
export function Menu({
  label,
  button,
  children,
  align = 'start',
  className,
}: {
  label?: string
  button: ReactNode
  children: (close: () => void) => ReactNode
  align?: 'start' | 'end'
  className?: string
}) {
  const [open, setOpen] = useState(false)
  const [place, setPlace] = useState<CSSProperties>({})
  const root = useRef<HTMLDivElement>(null)
  const trigger = useRef<HTMLButtonElement>(null)
  const id = useId()

  useEffect(() => {
    if (!open) return
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false)
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false)
        trigger.current?.focus()
      }
    }
    // follow the button when the page scrolls or resizes
    const onMove = () => setPlace(placeBelow(trigger.current, align))
    document.addEventListener('pointerdown', onDown)
    document.addEventListener('keydown', onKey)
    window.addEventListener('resize', onMove)
    window.addEventListener('scroll', onMove, true)
    return () => {
      document.removeEventListener('pointerdown', onDown)
      document.removeEventListener('keydown', onKey)
      window.removeEventListener('resize', onMove)
      window.removeEventListener('scroll', onMove, true)
    }
  }, [open, align])

  return (
    <div ref={root} className={cn('relative', className)}>
      <button
        ref={trigger}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => {
          setPlace(placeBelow(trigger.current, align))
          setOpen((o) => !o)
        }}
        className="flex items-center gap-2 rounded-lg px-2 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
      >
        {button}
      </button>
      {open ? (
        <div
          id={id}
          style={place}
          className={cn(
            'z-40 min-w-64 overflow-hidden rounded-xl border border-zinc-200 bg-white p-1 text-left shadow-lg',
            'dark:border-zinc-800 dark:bg-zinc-900',
          )}
        >
          {children(() => setOpen(false))}
        </div>
      ) : null}
    </div>
  )
}

/** Fixed-position coordinates under the button (above it when there is no room below). */
function placeBelow(button: HTMLElement | null, align: 'start' | 'end'): CSSProperties {
  const r = button?.getBoundingClientRect()
  if (!r) return {}
  const below = window.innerHeight - r.bottom > 260
  return {
    position: 'fixed',
    ...(below ? { top: r.bottom + 6 } : { bottom: window.innerHeight - r.top + 6 }),
    ...(align === 'end' ? { right: window.innerWidth - r.right } : { left: r.left }),
  }
}

export const menuItemClass =
  'flex w-full items-center gap-3 rounded-lg px-3 py-2 text-left text-sm text-zinc-700 hover:bg-zinc-100 focus-visible:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800'
