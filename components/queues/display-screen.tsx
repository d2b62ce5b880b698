'use client'
import { useCallback, useEffect, useRef, useState } from 'react'
import { cn } from '@/lib/cn'
import type { DisplayView } from '@/lib/queues/types'
import { usePublicLive } from './use-public-live'

/** Two short tones: loud enough across a room, not an alarm. */
function chime(ctx: AudioContext) {
  const now = ctx.currentTime
  for (const [i, f] of [660, 880].entries()) {
    const osc = ctx.createOscillator()
    const gain = ctx.createGain()
    osc.frequency.value = f
    gain.gain.setValueAtTime(0.0001, now + i * 0.35)
    gain.gain.exponentialRampToValueAtTime(0.4, now + i * 0.35 + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.35 + 0.3)
    osc.connect(gain).connect(ctx.destination)
    osc.start(now + i * 0.35)
    osc.stop(now + i * 0.35 + 0.32)
  }
}

/**
 * The TV: re-reads its view (GET /api/q/display/<token>) whenever the queue's topic says it moved;
 * a new call (number, counter or time changed) flashes the counter's tile and chimes once sound is on
 * (browsers play sound only after a press on the screen).
 */
export function DisplayScreen({ initial, token }: { initial: DisplayView; token: string }) {
  const [view, setView] = useState(initial)
  const [flash, setFlash] = useState<string | null>(null)
  const audio = useRef<AudioContext | null>(null)
  const [sound, setSound] = useState(false)
  const lastCall = useRef(initial.last_called?.at ?? null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const reread = useCallback(() => {
    clearTimeout(timer.current)
    timer.current = setTimeout(async () => {
      const r = await fetch(`/api/q/display/${encodeURIComponent(token)}`, { cache: 'no-store' }).catch(() => null)
      if (r?.ok) setView((await r.json()) as DisplayView)
    }, 150)
  }, [token])
  useEffect(() => () => clearTimeout(timer.current), [])
  useEffect(() => {
    const at = view.last_called?.at ?? null
    if (!at || at === lastCall.current) return
    lastCall.current = at
    setFlash(view.last_called?.counter ?? null)
    if (audio.current) chime(audio.current)
    const t = setTimeout(() => setFlash(null), 6000)
    return () => clearTimeout(t)
  }, [view.last_called])
  const live = usePublicLive([{ topic: view.channel, event: 'moved', onMessage: reread }], reread)
  // a slow clock re-read as well: a TV runs for days, and a missed broadcast must not stick
  useEffect(() => {
    const id = setInterval(reread, 60_000)
    return () => clearInterval(id)
  }, [reread])

  return (
    <main className="flex min-h-dvh flex-col gap-8 bg-zinc-950 p-8 text-white lg:p-12">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-2xl text-zinc-300">{view.workshop}</p>
          <h1 className="text-5xl font-bold tracking-tight">{view.queue_name}</h1>
        </div>
        <div className="flex items-center gap-4 text-xl text-zinc-300">
          <span>{view.waiting} waiting</span>
          <span aria-live="polite" className="text-base">
            {live ? 'Live' : 'Connecting…'}
          </span>
          {!sound ? (
            <button
              type="button"
              onClick={() => {
                audio.current = new AudioContext()
                setSound(true)
              }}
              className="rounded-lg border border-zinc-600 px-4 py-2 text-base text-white hover:bg-zinc-800"
            >
              Turn on sound
            </button>
          ) : null}
        </div>
      </header>
      <section aria-labelledby="now-serving">
        <h2 id="now-serving" className="mb-4 text-3xl font-semibold text-zinc-200">
          Now serving
        </h2>
        <ul className="grid gap-6 sm:grid-cols-2 xl:grid-cols-3" aria-live="assertive">
          {view.counters.map((c) => (
            <li
              key={c.label}
              data-testid={`counter-${c.label}`}
              className={cn(
                'rounded-3xl border-4 p-8 transition-colors',
                flash === c.label ? 'border-amber-300 bg-amber-300 text-zinc-950' : 'border-zinc-700 bg-zinc-900',
              )}
            >
              <p className="text-3xl font-medium">Counter {c.label}</p>
              <p className="mt-2 font-mono text-8xl font-bold tracking-tight">
                {c.is_open ? (c.number ?? '—') : 'Closed'}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="next-up">
        <h2 id="next-up" className="mb-4 text-3xl font-semibold text-zinc-200">
          Next
        </h2>
        {view.next.length ? (
          <ol className="flex flex-wrap gap-4" data-testid="next-numbers">
            {view.next.map((n) => (
              <li key={n} className="rounded-2xl bg-zinc-800 px-6 py-4 font-mono text-5xl font-semibold">
                {n}
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-3xl text-zinc-300">Nobody waiting</p>
        )}
      </section>
    </main>
  )
}
