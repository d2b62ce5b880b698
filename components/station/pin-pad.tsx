'use client'
import { useRouter } from 'next/navigation'
import { useEffect, useMemo, useState, useTransition } from 'react'
import { Alert } from '@/components/common/alert'
import { Button, Input } from '@/components/ui'
import { cn } from '@/lib/cn'
import type { ErrorCode } from '@/lib/result'
import { pinIn, pinOut } from '@/lib/station/actions'
import type { RosterEntry } from '@/lib/station/queries'
import { Keypad, PinDots } from './keypad'
import { SignOutTabletButton } from './sign-out-tablet'
import { useStationKeys } from './use-station-keys'

interface Chosen {
  badge: string
  name: string | null
}

/**
 * The PIN-in screen: scan a badge (a keyboard-wedge scanner types anywhere on the page) or pick a
 * name, then type the PIN on the keypad or a keyboard. Wrong PIN and unknown badge read the same.
 */
export function PinPad({
  roster,
  rosterEnabled,
  notice,
  staleSession,
}: {
  roster: RosterEntry[]
  rosterEnabled: boolean
  notice?: string
  staleSession: boolean
}) {
  const router = useRouter()
  const [chosen, setChosen] = useState<Chosen | null>(null)
  const [pin, setPin] = useState('')
  const [failure, setFailure] = useState<{ code: ErrorCode; message: string } | null>(null)
  const [typing, setTyping] = useState(false)
  const [pending, start] = useTransition()
  const byBadge = useMemo(() => new Map(roster.map((r) => [r.badge_code.toUpperCase(), r])), [roster])

  // an operator's session ended while the tablet still held it: end it here too, quietly
  useEffect(() => {
    if (staleSession) void pinOut({})
  }, [staleSession])

  const choose = (badge: string) => {
    const code = badge.trim().toUpperCase()
    setChosen({ badge: code, name: byBadge.get(code)?.display_name ?? null })
    setPin('')
    setFailure(null)
    setTyping(false)
  }
  const back = () => {
    setChosen(null)
    setPin('')
  }
  const submit = () => {
    if (!chosen || pin.length < 4 || pending) return
    const attempt = pin
    // clear at once: digits typed while the server checks belong to the next attempt
    setPin('')
    start(async () => {
      const result = await pinIn({ badge: chosen.badge, pin: attempt })
      if (result.ok) {
        router.refresh()
        return
      }
      setFailure({ code: result.code, message: result.message })
      if (result.code === 'LOCKED' || result.code === 'RATE_LIMITED' || result.code === 'FORBIDDEN') back()
      if (result.code === 'FORBIDDEN') router.refresh()
    })
  }

  useStationKeys(
    {
      onScan: choose,
      onDigit: (d) => chosen && setPin((p) => (p.length < 6 ? p + d : p)),
      onBackspace: () => setPin((p) => p.slice(0, -1)),
      onEnter: submit,
      onEscape: back,
    },
    !typing,
  )

  return (
    <div className="grid w-full max-w-5xl flex-1 items-center gap-8 lg:grid-cols-[1fr_24rem] lg:gap-12">
      <div className="flex flex-col gap-5 self-stretch lg:py-4">
        {notice ? <Alert tone="info">{notice}</Alert> : null}
        {failure ? (
          <Alert tone={failure.code === 'LOCKED' ? 'warning' : 'error'} data-testid="pin-failure">
            <span className="text-base font-medium">{failure.message}</span>
            {failure.code === 'LOCKED' ? <span className="block">A supervisor can unlock you sooner.</span> : null}
          </Alert>
        ) : null}
        {chosen ? (
          <div className="flex flex-col gap-2">
            <p className="text-sm font-medium tracking-wide text-zinc-500 dark:text-zinc-400 uppercase">PIN in as</p>
            <p className="text-4xl font-semibold tracking-tight" data-testid="chosen-name">
              {chosen.name ?? chosen.badge}
            </p>
            {chosen.name ? <p className="font-mono text-zinc-500 dark:text-zinc-400">{chosen.badge}</p> : null}
            <div>
              <Button variant="secondary" size="touch" className="mt-4" onClick={back}>
                Not you? Start again
              </Button>
            </div>
          </div>
        ) : (
          <ChooseBadge roster={rosterEnabled ? roster : []} onChoose={choose} typing={typing} setTyping={setTyping} />
        )}
      </div>

      <section
        aria-label="Enter your PIN"
        className={cn(
          'flex flex-col gap-6 rounded-3xl border border-zinc-200 bg-zinc-50 p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900',
          !chosen && 'opacity-50',
        )}
      >
        <div className="flex flex-col items-center gap-3">
          <p className="text-lg font-medium">{chosen ? 'Enter your PIN' : 'Scan your badge first'}</p>
          <PinDots length={pin.length} />
          <p className="sr-only" aria-live="polite">
            {pin.length} digits entered
          </p>
        </div>
        <Keypad
          disabled={!chosen || pending}
          onDigit={(d) => setPin((p) => (p.length < 6 ? p + d : p))}
          onBackspace={() => setPin((p) => p.slice(0, -1))}
          onClear={() => setPin('')}
        />
        <Button
          size="touch"
          className="h-16 w-full text-lg"
          disabled={!chosen || pin.length < 4}
          pending={pending}
          onClick={submit}
        >
          {pending ? 'Checking…' : 'PIN in'}
        </Button>
      </section>
    </div>
  )
}

function ChooseBadge({
  roster,
  onChoose,
  typing,
  setTyping,
}: {
  roster: RosterEntry[]
  onChoose: (badge: string) => void
  typing: boolean
  setTyping: (v: boolean) => void
}) {
  const [code, setCode] = useState('')
  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-center gap-4">
        <span
          aria-hidden="true"
          className="grid size-16 shrink-0 place-items-center rounded-2xl bg-brand-600 text-on-brand dark:bg-brand-500"
        >
          <svg
            viewBox="0 0 24 24"
            aria-hidden="true"
            className="size-9"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
          >
            <path d="M4 8V5a1 1 0 011-1h3M16 4h3a1 1 0 011 1v3M20 16v3a1 1 0 01-1 1h-3M8 20H5a1 1 0 01-1-1v-3M7 12h10" />
          </svg>
        </span>
        <div>
          <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Scan your badge</h1>
          <p className="mt-1 text-zinc-600 dark:text-zinc-400">
            Hold your badge to the scanner{roster.length ? ', or tap your name' : ''}.
          </p>
        </div>
      </div>

      {roster.length ? (
        <ul aria-label="Pick your name" className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {roster.map((r) => (
            <li key={r.member_id}>
              <button
                type="button"
                onClick={() => onChoose(r.badge_code)}
                className="flex min-h-16 w-full flex-col items-start justify-center rounded-2xl border border-zinc-200 bg-white px-4 py-3 text-left shadow-sm transition hover:border-brand-500 active:scale-[0.98] dark:border-zinc-800 dark:bg-zinc-900"
              >
                <span className="text-lg leading-tight font-medium">{r.display_name}</span>
                {r.team_name ? <span className="text-sm text-zinc-500 dark:text-zinc-400">{r.team_name}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}

      {typing ? (
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            if (code.trim()) onChoose(code)
          }}
        >
          <Input
            touch
            autoFocus
            aria-label="Badge code"
            placeholder="Badge code, e.g. AUR-OP-1"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            className="uppercase"
          />
          <Button type="submit" size="touch">
            Next
          </Button>
          <Button variant="ghost" size="touch" onClick={() => setTyping(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="ghost" size="touch" onClick={() => setTyping(true)}>
            Type a badge code instead
          </Button>
          <SignOutTabletButton />
        </div>
      )}
    </div>
  )
}
