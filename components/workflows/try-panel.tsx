'use client'
import { useEffect, useRef, useState } from 'react'
import { Alert } from '@/components/common/alert'
import { Button } from '@/components/ui'
import { dryRunWorkflow } from '@/lib/workflows/actions'
import type { DryRunAnswer } from '@/lib/workflows/answers'
import type { Fsm } from '@/lib/workflows/fsm'

/**
 * "Try it": a pretend item walked through the machine as it is on screen (saved or not). The
 * database walks it (public.fsm_dry_run: the same engine that moves real items; nothing is stored)
 * and answers where it ended and which transitions are open from there, drawn as buttons.
 */
export function TryPanel({ fsm, onState }: { fsm: Fsm; onState?: (state: string | null) => void }) {
  const [steps, setSteps] = useState<string[]>([])
  const [answer, setAnswer] = useState<DryRunAnswer | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const machine = JSON.stringify(fsm)
  const latest = useRef(0)

  useEffect(() => {
    const run = ++latest.current
    setPending(true)
    // typing changes the machine on every key: ask once the typing pauses
    const timer = setTimeout(async () => {
      const result = await dryRunWorkflow({ fsm: JSON.parse(machine), steps })
      if (run !== latest.current) return
      setPending(false)
      if (!result.ok) {
        setError(result.message)
        return
      }
      setError(null)
      setAnswer(result.data)
    }, 300)
    return () => clearTimeout(timer)
  }, [machine, steps])

  const state = answer?.final_state ?? null
  useEffect(() => onState?.(state), [state, onState])

  return (
    <section
      aria-labelledby="try-title"
      aria-busy={pending || undefined}
      className="flex flex-col gap-3"
      data-testid="try-panel"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id="try-title" className="font-semibold">
          Try it
        </h2>
        <Button type="button" variant="ghost" size="sm" onClick={() => setSteps([])} disabled={steps.length === 0}>
          Start over
        </Button>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {answer && !answer.valid ? (
        <Alert tone="warning">
          <p className="font-medium">The database would refuse this machine:</p>
          <ul className="mt-1 list-disc pl-5">
            {answer.problems.map((p) => (
              <li key={`${p.path}-${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <p className="text-sm" aria-live="polite">
        A pretend item is in <strong data-testid="try-state">{state ?? '…'}</strong>
        {answer && answer.transitions.length === 0 && state ? ' — nothing leaves this state.' : '.'}
      </p>
      {answer?.steps.length ? (
        <ol className="flex flex-col gap-1 text-sm" aria-label="Steps so far">
          {answer.steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a walk may repeat a step; its position is its identity
            <li key={i} className={s.allowed ? undefined : 'text-red-700 dark:text-red-400'}>
              {i + 1}. {s.transition}: {s.from} → {s.allowed ? s.to : `refused (${s.reason ?? 'not open'})`}
            </li>
          ))}
        </ol>
      ) : null}
      {answer?.transitions.length ? (
        <fieldset className="flex flex-wrap gap-2">
          <legend className="sr-only">Open transitions</legend>
          {answer.transitions.map((t) => {
            const needs = [
              t.requires?.reason ? 'a reason' : null,
              t.requires?.min_role ? `${t.requires.min_role}+` : null,
            ]
              .filter(Boolean)
              .join(', ')
            return (
              <Button
                key={`${t.name}-${t.to}`}
                type="button"
                variant="secondary"
                size="sm"
                onClick={() => setSteps((s) => [...s, t.name])}
                title={needs ? `Needs ${needs}` : undefined}
              >
                {t.name} → {t.to}
                {needs ? <span className="text-xs text-amber-700 dark:text-amber-400">({needs})</span> : null}
              </Button>
            )
          })}
        </fieldset>
      ) : null}
    </section>
  )
}
