'use client'
import { useEffect, useState } from 'react'

/** The time, for people on the floor (rendered on the client only: no server/client mismatch). */
export function StationClock() {
  const [now, setNow] = useState<Date | null>(null)
  useEffect(() => {
    setNow(new Date())
    const id = window.setInterval(() => setNow(new Date()), 15_000)
    return () => window.clearInterval(id)
  }, [])
  return (
    <time className="font-mono text-xl tabular-nums text-zinc-600 dark:text-zinc-300" suppressHydrationWarning>
      {now ? now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : ''}
    </time>
  )
}
