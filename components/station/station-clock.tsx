'use client'
import { useEffect, useState } from 'react'
import { formatTime } from '@/lib/format'

/**
 * The time for people on the floor, in the workshop's zone when the page knows it (else the tablet's,
 * which stands in the workshop); rendered on the client only: no server/client mismatch.
 */
export function StationClock({ timeZone }: { timeZone?: string }) {
  const [now, setNow] = useState<Date | null>(null)
  useEffect(() => {
    setNow(new Date())
    const id = window.setInterval(() => setNow(new Date()), 15_000)
    return () => window.clearInterval(id)
  }, [])
  return (
    <time className="font-mono text-xl tabular-nums text-zinc-600 dark:text-zinc-300" suppressHydrationWarning>
      {now ? formatTime(now, timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone) : ''}
    </time>
  )
}
