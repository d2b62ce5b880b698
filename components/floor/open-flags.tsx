'use client'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { Pill } from '@/components/common/pill'
import { Button } from '@/components/ui'
import { resolveItemFlag } from '@/lib/floor-messages/actions'
import { FLAG_KINDS, FLAG_LABEL } from '@/lib/floor-messages/schemas'
import type { OpenFlag } from '@/lib/floor-messages/types'
import { formatTime } from '@/lib/format'

const label = (k: string) =>
  (FLAG_KINDS as readonly string[]).includes(k) ? FLAG_LABEL[k as keyof typeof FLAG_LABEL] : k

/** Operators' open flags on items, oldest first, each resolvable (live through the floor topic). */
export function OpenFlags({ flags, timeZone }: { flags: OpenFlag[]; timeZone: string }) {
  const router = useRouter()
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  if (!flags.length) return <p className="text-zinc-600 dark:text-zinc-400">No open flags.</p>
  return (
    <>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      <ul className="grid gap-3 sm:grid-cols-2" aria-label="Open flags">
        {flags.map((f) => (
          <li
            key={f.id}
            data-testid="open-flag"
            className="flex flex-col gap-2 rounded-xl border border-amber-200 bg-white p-4 dark:border-amber-500/30 dark:bg-zinc-900"
          >
            <div className="flex items-start justify-between gap-2">
              <p className="text-lg font-semibold tabular-nums">{f.item.number}</p>
              <Pill tone="amber">{label(f.kind)}</Pill>
            </div>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              {f.item.title}
              {f.item.stage ? ` · ${f.item.stage}` : ''}
            </p>
            {f.note ? <p className="text-sm">“{f.note}”</p> : null}
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              {f.raised_by.display_name ?? 'Someone'}
              {f.location ? ` at ${f.location.name}` : ''} · {formatTime(f.raised_at, timeZone)}
            </p>
            <Button
              size="sm"
              variant="secondary"
              className="self-start"
              pending={busy === f.id}
              onClick={async () => {
                setBusy(f.id)
                setError(null)
                const r = await resolveItemFlag({ flagId: f.id })
                setBusy(null)
                if (!r.ok) setError(r.message)
                router.refresh()
              }}
            >
              Resolve {f.item.number}
            </Button>
          </li>
        ))}
      </ul>
    </>
  )
}
