import Link from 'next/link'
import type { ReactNode } from 'react'
import { Logo } from '@/components/org/logo'
import { cn } from '@/lib/cn'
import { FloorMessages } from './floor-messages'

/**
 * The frame of the tablet screens (/scan, /queue): a slim bar with where and who, the floor
 * screens as large tabs, and the way back to the station (PIN out). Full height, no page chrome.
 */
export function FloorShell({
  slug,
  active,
  who,
  supervisor,
  status,
  messages,
  children,
}: {
  slug: string
  active: 'scan' | 'queue'
  who: string
  supervisor: boolean
  status?: ReactNode
  /** Show the supervisor's messages to this person as banners (once PINed in). */
  messages?: { orgId: string; timeZone: string }
  children: ReactNode
}) {
  const tab = (href: string, label: string, on: boolean) => (
    <Link
      href={href}
      aria-current={on ? 'page' : undefined}
      className={cn(
        'flex min-h-12 items-center rounded-xl px-4 text-base font-semibold',
        on
          ? 'bg-brand-600 text-on-brand dark:bg-brand-500'
          : 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800',
      )}
    >
      {label}
    </Link>
  )
  return (
    <div className="flex min-h-dvh flex-col bg-zinc-100 dark:bg-zinc-950">
      <header className="flex min-h-16 flex-wrap items-center gap-x-4 gap-y-2 border-b border-zinc-200 bg-white px-4 py-2 dark:border-zinc-800 dark:bg-zinc-900">
        <Logo compact className="text-2xl" />
        <nav aria-label="Floor" className="flex gap-1">
          {tab(`/${slug}/scan`, 'Scan', active === 'scan')}
          {tab(`/${slug}/queue`, 'My queue', active === 'queue')}
          {supervisor ? tab(`/${slug}/floor`, 'Floor', false) : null}
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-3">
          {status}
          <p className="truncate font-semibold" data-testid="floor-who">
            {who}
          </p>
          <Link
            href={`/${slug}/station`}
            className="flex min-h-12 items-center rounded-xl border border-zinc-300 px-4 font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Station
          </Link>
        </div>
      </header>
      <main className="flex flex-1 flex-col gap-4 p-3 sm:p-4">
        {messages ? <FloorMessages orgId={messages.orgId} timeZone={messages.timeZone} /> : null}
        {children}
      </main>
    </div>
  )
}
