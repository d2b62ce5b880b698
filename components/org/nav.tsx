'use client'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { useCallback, useEffect, useRef, useState } from 'react'
import { cn } from '@/lib/cn'

export interface NavItem {
  href: string
  label: string
}

/**
 * The workshop's sections. When they do not fit (a tablet in portrait), the row scrolls, and says so:
 * a faded edge with an arrow button on the side that has more (issue 10: the nav was cut off with no
 * cue), and the current section is scrolled into view.
 */
export function OrgNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname()
  const row = useRef<HTMLDivElement>(null)
  const [more, setMore] = useState({ left: false, right: false })
  const measure = useCallback(() => {
    const el = row.current
    if (!el) return
    setMore({ left: el.scrollLeft > 2, right: el.scrollLeft + el.clientWidth < el.scrollWidth - 2 })
  }, [])
  useEffect(() => {
    const el = row.current
    if (!el) return
    // on every navigation: the section now current (aria-current follows pathname)
    if (pathname) el.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
    measure()
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [measure, pathname])
  const scrollBy = (dir: 1 | -1) => row.current?.scrollBy({ left: dir * 200, behavior: 'smooth' })

  return (
    <nav aria-label="Workshop" className="relative -mb-px">
      <div ref={row} onScroll={measure} className="flex gap-1 overflow-x-auto [scrollbar-width:none]">
        {items.map((item, i) => {
          // the first item is the org home: active only on itself
          const active = i === 0 ? pathname === item.href : pathname.startsWith(item.href)
          return (
            <Link
              key={item.href}
              href={item.href}
              aria-current={active ? 'page' : undefined}
              className={cn(
                'flex min-h-11 items-center border-b-2 px-3 text-sm font-medium whitespace-nowrap transition-colors',
                active
                  ? 'border-brand-600 text-zinc-900 dark:border-brand-500 dark:text-zinc-50'
                  : 'border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:border-zinc-700 dark:hover:text-zinc-100',
              )}
            >
              {item.label}
            </Link>
          )
        })}
      </div>
      {more.left ? <ScrollCue side="left" onClick={() => scrollBy(-1)} /> : null}
      {more.right ? <ScrollCue side="right" onClick={() => scrollBy(1)} /> : null}
    </nav>
  )
}

function ScrollCue({ side, onClick }: { side: 'left' | 'right'; onClick: () => void }) {
  return (
    <button
      type="button"
      data-testid={`nav-more-${side}`}
      aria-label={side === 'right' ? 'More sections' : 'Earlier sections'}
      onClick={onClick}
      className={cn(
        'absolute top-0 flex h-full w-11 items-center text-lg text-zinc-600 dark:text-zinc-300',
        side === 'right'
          ? 'right-0 justify-end bg-gradient-to-l from-white via-white/90 to-transparent pr-1 dark:from-zinc-950 dark:via-zinc-950/90'
          : 'left-0 justify-start bg-gradient-to-r from-white via-white/90 to-transparent pl-1 dark:from-zinc-950 dark:via-zinc-950/90',
      )}
    >
      <span aria-hidden="true">{side === 'right' ? '›' : '‹'}</span>
    </button>
  )
}
