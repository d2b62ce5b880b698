import { Button } from '@/components/ui'
import type { OutboxOp } from '@/lib/floor/outbox'

/**
 * Offline changes the server refused for good (lib/floor/outbox.ts): listed with the reason so the
 * operator can redo them by hand, never resent; "Dismiss" removes one from the tablet.
 */
export function RefusedOps({ ops, onDismiss }: { ops: OutboxOp[]; onDismiss: (clientId: string) => void }) {
  if (!ops.length) return null
  return (
    <section
      aria-label="Refused offline changes"
      data-testid="refused-ops"
      className="rounded-3xl border-2 border-red-300 bg-red-50 px-5 py-4 text-red-950 dark:border-red-500/40 dark:bg-red-500/10 dark:text-red-100"
    >
      <p className="text-lg font-semibold">
        {ops.length} offline change{ops.length === 1 ? ' was' : 's were'} refused — not sent again
      </p>
      <ul className="mt-2 flex flex-col gap-2">
        {ops.map((o) => (
          <li key={o.client_id} data-testid="refused-op" className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <p className="font-medium">{o.label}</p>
              <p className="text-sm">
                {o.refused?.message}
                {o.refused?.field ? ` (${o.refused.field})` : ''}
                {o.refused?.code ? <span className="ml-2 font-mono text-xs opacity-70">{o.refused.code}</span> : null}
              </p>
            </div>
            <Button size="sm" variant="ghost" onClick={() => onDismiss(o.client_id)}>
              Dismiss
            </Button>
          </li>
        ))}
      </ul>
    </section>
  )
}
