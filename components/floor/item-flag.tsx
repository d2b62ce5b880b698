'use client'
import { useState } from 'react'
import { Button } from '@/components/ui'
import { newClientId } from '@/lib/client-id'
import { raiseItemFlag } from '@/lib/floor-messages/actions'
import { FLAG_KINDS, FLAG_LABEL } from '@/lib/floor-messages/schemas'

type Kind = (typeof FLAG_KINDS)[number]

/**
 * "Flag for a supervisor" on the item card: what is wrong (big buttons), an optional note, sent
 * once under one client id (a double tap or a retry raises one flag). It shows on the supervisor's
 * floor view until resolved.
 */
export function ItemFlag({ sessionId, itemId, number }: { sessionId: string; itemId: string; number: string }) {
  const [open, setOpen] = useState(false)
  const [kind, setKind] = useState<Kind | null>(null)
  const [note, setNote] = useState('')
  const [clientId, setClientId] = useState(newClientId)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const send = async () => {
    if (!kind) return
    setBusy(true)
    const r = await raiseItemFlag({ clientId, sessionId, itemId, kind, note: note || undefined })
    setBusy(false)
    if (!r.ok) return setResult({ ok: false, text: r.message })
    setResult({ ok: true, text: `Flagged ${number}: ${FLAG_LABEL[kind]}. A supervisor sees it on the floor view.` })
    setOpen(false)
    setKind(null)
    setNote('')
    setClientId(newClientId())
  }
  return (
    <section
      aria-label="Flag this item"
      className="flex flex-col gap-3 rounded-2xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      {result ? (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? '' : 'text-red-700 dark:text-red-300'}>
          {result.text}
        </p>
      ) : null}
      {!open ? (
        <Button size="touch" variant="secondary" className="self-start" onClick={() => setOpen(true)}>
          Flag for a supervisor
        </Button>
      ) : (
        <>
          <fieldset className="flex flex-wrap gap-2">
            <legend className="mb-2 text-lg font-semibold">What is wrong with {number}?</legend>
            {FLAG_KINDS.map((k) => (
              <Button
                key={k}
                size="touch"
                variant={kind === k ? 'primary' : 'secondary'}
                aria-pressed={kind === k}
                onClick={() => setKind(k)}
              >
                {FLAG_LABEL[k]}
              </Button>
            ))}
          </fieldset>
          <label className="flex flex-col gap-1 text-base">
            Note (optional)
            <textarea
              value={note}
              maxLength={500}
              onChange={(e) => setNote(e.target.value)}
              rows={2}
              className="rounded-xl border border-zinc-300 bg-white p-3 text-lg dark:border-zinc-700 dark:bg-zinc-900"
            />
          </label>
          <div className="flex gap-2">
            <Button size="touch" disabled={!kind} pending={busy} onClick={() => void send()}>
              Send flag
            </Button>
            <Button size="touch" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </>
      )}
    </section>
  )
}
