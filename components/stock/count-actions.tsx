'use client'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { Alert } from '@/components/common/alert'
import { Button, Input } from '@/components/ui'
import { countStep } from '@/lib/stock/actions'
import type { COUNT_STEPS } from '@/lib/stock/schema'

type Step = (typeof COUNT_STEPS)[number]
const LABEL: Record<Step, string> = {
  start: 'Start (freeze the snapshot)',
  submit: 'Send to review',
  reopen: 'Reopen for counting',
  post: 'Post adjustments',
  cancel: 'Cancel count',
  void: 'Void (reverse adjustments)',
}
const NEEDS_REASON = new Set<Step>(['reopen', 'cancel', 'void'])

/**
 * The buttons of the transitions the engine says are open from the count's status (count_json's
 * `transitions`); the database refuses anything else with its reason, shown here.
 */
export function CountActions({ countId, open }: { countId: string; open: string[] }) {
  const router = useRouter()
  const [asking, setAsking] = useState<Step | null>(null)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const steps = open.filter((s): s is Step => s in LABEL)
  const run = async (step: Step) => {
    setBusy(true)
    setError(null)
    const r = await countStep({ countId, step, reason })
    setBusy(false)
    if (!r.ok) return setError(r.message)
    setAsking(null)
    setReason('')
    router.refresh()
  }
  if (!steps.length) return null
  return (
    <div className="flex flex-col gap-2">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        {steps.map((s) => (
          <Button
            key={s}
            variant={s === 'cancel' || s === 'void' ? 'danger' : s === 'reopen' ? 'secondary' : 'primary'}
            disabled={busy}
            onClick={() => (NEEDS_REASON.has(s) ? setAsking(s) : void run(s))}
          >
            {LABEL[s]}
          </Button>
        ))}
      </div>
      {asking ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            void run(asking)
          }}
        >
          <label htmlFor="count-step-reason" className="flex flex-col text-sm">
            Why? ({LABEL[asking]})
            <Input id="count-step-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          </label>
          <Button type="submit" pending={busy}>
            Confirm
          </Button>
          <Button variant="ghost" onClick={() => setAsking(null)}>
            Back
          </Button>
        </form>
      ) : null}
    </div>
  )
}
