'use client'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import type { Result } from '@/lib/result'

/**
 * One write at a time from the queue screen: busy while it runs, the database's message when it
 * is refused, and a fresh read afterwards either way (a refusal often means someone else changed
 * the queue meanwhile: show it as it is now).
 */
export function useQueueWrites() {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const run = async <T>(write: () => Promise<Result<T>>, done?: string): Promise<Result<T>> => {
    setBusy(true)
    setError(null)
    setNotice(null)
    const r = await write()
    setBusy(false)
    if (!r.ok) setError(r.message)
    else if (done) setNotice(done)
    router.refresh()
    return r
  }
  return { busy, error, notice, run, setError }
}
