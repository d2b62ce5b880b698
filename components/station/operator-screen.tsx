'use client'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useRef, useState, useTransition } from 'react'
import { Pill } from '@/components/common/pill'
import { initials } from '@/components/org/user-menu'
import { Button, buttonClasses } from '@/components/ui'
import { cn } from '@/lib/cn'
import { atLeast, ROLE_LABEL, type Role } from '@/lib/members/roles'
import { pinOut, touchOperator } from '@/lib/station/actions'
import { describeTimeout, formatCountdown, isWarning, touchIntervalMs } from '@/lib/station/idle'
import { RevokeAsPinnedIn } from './sign-out-tablet'

/**
 * Who is PINed in, with an idle countdown. Interaction keeps the session alive (touch, debounced);
 * at zero — or when the server says the session ended (PT440) — the tablet signs the operator out
 * and shows the PIN pad again.
 */
export function OperatorScreen({
  slug,
  displayName,
  role,
  idleTimeoutSeconds,
}: {
  slug: string
  displayName: string
  role: Role
  idleTimeoutSeconds: number
}) {
  const router = useRouter()
  const timeoutMs = idleTimeoutSeconds * 1000
  // measured on this device from the last successful touch, so clock skew does not matter
  const deadline = useRef(Date.now() + timeoutMs)
  const lastTouch = useRef(Date.now())
  const ending = useRef(false)
  const [remaining, setRemaining] = useState(timeoutMs)
  const [pending, start] = useTransition()

  const end = useCallback(
    (reason: 'button' | 'idle') => {
      if (ending.current) return
      ending.current = true
      start(async () => {
        await pinOut({})
        router.replace(reason === 'idle' ? `/${slug}/station?ended=idle` : `/${slug}/station`)
        router.refresh()
      })
    },
    [router, slug],
  )

  useEffect(() => {
    const interval = touchIntervalMs(idleTimeoutSeconds)
    const onActivity = () => {
      const now = Date.now()
      if (ending.current || now - lastTouch.current < interval) return
      lastTouch.current = now
      void touchOperator({}).then((result) => {
        if (result.ok) deadline.current = now + result.data.idleTimeoutSeconds * 1000
        else if (result.code === 'SESSION_EXPIRED') {
          ending.current = true
          router.replace(`/${slug}/station?ended=idle`)
          router.refresh()
        }
      })
    }
    const tick = window.setInterval(() => {
      const left = deadline.current - Date.now()
      setRemaining(left)
      if (left <= 0) end('idle')
    }, 250)
    window.addEventListener('pointerdown', onActivity)
    window.addEventListener('keydown', onActivity)
    return () => {
      window.clearInterval(tick)
      window.removeEventListener('pointerdown', onActivity)
      window.removeEventListener('keydown', onActivity)
    }
  }, [idleTimeoutSeconds, end, router, slug])

  const warn = isWarning(remaining, idleTimeoutSeconds)
  return (
    <div className="flex w-full max-w-3xl flex-1 flex-col items-center justify-center gap-10 text-center">
      <div className="flex flex-col items-center gap-4">
        <span
          aria-hidden="true"
          className="grid size-24 place-items-center rounded-full bg-brand-600 text-3xl font-semibold text-on-brand shadow-lg dark:bg-brand-500"
        >
          {initials(displayName)}
        </span>
        <div>
          <p className="text-sm font-medium text-zinc-600 dark:text-zinc-400">PINed in</p>
          <h1 className="text-4xl font-semibold tracking-tight sm:text-5xl" data-testid="operator-name">
            {displayName}
          </h1>
          <p className="mt-3">
            <Pill tone="brand">{ROLE_LABEL[role]}</Pill>
          </p>
        </div>
      </div>

      <div
        role="timer"
        aria-live="off"
        data-testid="idle-countdown"
        className={cn(
          'rounded-2xl border px-6 py-4 transition-colors',
          warn
            ? 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-200'
            : 'border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900',
        )}
      >
        <p className="text-sm">PIN out in</p>
        <p className="font-mono text-4xl font-semibold tabular-nums">{formatCountdown(remaining)}</p>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          after {describeTimeout(idleTimeoutSeconds)} without activity
        </p>
      </div>

      <div className="flex w-full max-w-sm flex-col gap-3">
        <Link href={`/${slug}/scan`} className={buttonClasses({ size: 'touch' }, 'h-16 text-lg')}>
          Start scanning
        </Link>
        <Button
          size="touch"
          variant="secondary"
          className="h-16 text-lg"
          pending={pending}
          onClick={() => end('button')}
        >
          PIN out
        </Button>
        {atLeast(role, 'supervisor') ? <RevokeAsPinnedIn /> : null}
      </div>
    </div>
  )
}
