import type { ReactNode } from 'react'
import { Logo } from '@/components/org/logo'
import { StationClock } from './station-clock'

/** The tablet frame: a slim bar with where this tablet is, then the screen's content centred. */
export function StationShell({
  place,
  children,
}: {
  place?: { station: string; location: string; org: string }
  children: ReactNode
}) {
  return (
    <div className="flex min-h-dvh flex-col bg-zinc-100 dark:bg-zinc-950">
      <header className="flex h-16 items-center justify-between gap-4 border-b border-zinc-200 bg-white px-5 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="flex min-w-0 items-center gap-3">
          <Logo compact className="text-2xl" />
          {place ? (
            <div className="min-w-0 leading-tight">
              <p className="truncate font-semibold" data-testid="station-name">
                {place.station}
              </p>
              <p className="truncate text-sm text-zinc-500 dark:text-zinc-400">
                {place.location} · {place.org}
              </p>
            </div>
          ) : (
            <p className="font-semibold">Station</p>
          )}
        </div>
        <StationClock />
      </header>
      <main className="flex flex-1 flex-col items-center px-5 py-8 sm:px-8">{children}</main>
    </div>
  )
}
