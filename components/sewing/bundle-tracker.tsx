import { Alert } from '@/components/common/alert'
import { Pill } from '@/components/common/pill'
import { Button, Card, FieldError, Input, Label } from '@/components/ui'
import { formatDateTime, formatNumber, statusWords } from '@/lib/format'
import type { BundleTrack, TrackedOperation } from '@/lib/sewing/queries'

const OP_TONE = { PENDING: 'neutral', IN_PROGRESS: 'amber', COMPLETED: 'green' } as const
const OP_WORD = { PENDING: 'Waiting', IN_PROGRESS: 'In progress', COMPLETED: 'Done' } as const

/**
 * "Where is bundle 117?": a plain GET form (works without JavaScript; a hand scanner types the label
 * and Enter submits), then the bundle, each sewing run with its operations in sequence (who, machine,
 * when, units, efficiency, defects) and the bundle's status and location history.
 */
export function BundleTracker({
  query,
  result,
  timeZone,
}: {
  query: string
  result: { ok: true; data: BundleTrack } | { ok: false; message: string } | null
  timeZone: string
}) {
  const error = result && !result.ok ? result.message : undefined
  return (
    <section aria-labelledby="tracker-heading" className="flex flex-col gap-4">
      <h2 id="tracker-heading" className="text-xl font-semibold">
        Bundle tracker
      </h2>
      <Card className="p-4 sm:p-5">
        <form method="get" aria-label="Track a bundle" className="flex flex-wrap items-end gap-3">
          <div className="flex min-w-56 flex-1 flex-col gap-1.5">
            <Label htmlFor="bundle">Bundle number or label</Label>
            <Input
              id="bundle"
              name="bundle"
              defaultValue={query}
              placeholder="117, BN-117 or scan its label"
              autoComplete="off"
              inputMode="text"
              invalid={Boolean(error)}
              aria-describedby={error ? 'bundle-error' : 'bundle-hint'}
              className="min-h-12 text-lg"
            />
            {error ? (
              <FieldError id="bundle-error" message={error} className="mt-0" />
            ) : (
              <p id="bundle-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
                Type the number on the bundle ticket, or scan its QR label with a hand scanner.
              </p>
            )}
          </div>
          <Button type="submit" size="touch">
            Track
          </Button>
        </form>
      </Card>
      {result?.ok ? <TrackResult track={result.data} timeZone={timeZone} /> : null}
    </section>
  )
}

function TrackResult({ track, timeZone }: { track: BundleTrack; timeZone: string }) {
  const b = track.bundle
  return (
    <Card className="flex flex-col gap-4 p-4 sm:p-5" data-testid="bundle-track">
      <div>
        <p className="flex flex-wrap items-center gap-2">
          <span className="text-2xl font-bold tabular-nums">BN-{b.bundle_number}</span>
          <Pill tone="brand">{statusWords(b.status)}</Pill>
          {b.location ? <span className="text-sm text-zinc-600 dark:text-zinc-400">at {b.location}</span> : null}
        </p>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          {b.style ? `${b.style.code} ${b.style.name} (${b.style.product_type}) · ` : ''}
          {b.size} · {b.colour} · shade {b.shade} · {formatNumber(b.good_units)} good of {formatNumber(b.quantity)}{' '}
          pieces
        </p>
      </div>
      {track.runs.length === 0 ? (
        <Alert tone="info">Bundle BN-{b.bundle_number} has not gone down a sewing line yet.</Alert>
      ) : (
        track.runs.map(({ run, operations }) => (
          <div key={run.id} className="flex flex-col gap-2" data-testid="track-run">
            <h3 className="font-semibold">
              SR-{run.run_number}
              {run.team_id && track.teams[run.team_id] ? ` on ${track.teams[run.team_id]}` : ''} · {run.completed_ops}{' '}
              of {run.total_operations} operations done
              {run.average_efficiency !== null
                ? ` · average efficiency ${formatNumber(run.average_efficiency, { maximumFractionDigits: 1 })} %`
                : ''}
            </h3>
            <ol
              className="flex flex-col border-l-2 border-zinc-200 dark:border-zinc-800"
              aria-label={`Operations of SR-${run.run_number}`}
            >
              {[...operations]
                .sort((x, y) => x.sequence_number - y.sequence_number || x.name.localeCompare(y.name))
                .map((o) => (
                  <OperationStep key={o.id} op={o} timeZone={timeZone} />
                ))}
            </ol>
          </div>
        ))
      )}
      <div className="flex flex-col gap-2">
        <h3 className="font-semibold">Status history</h3>
        {track.history.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No status changes recorded.</p>
        ) : (
          <ol className="flex flex-col gap-1 text-sm" data-testid="track-history">
            {track.history.map((h) => (
              <li key={h.id}>
                <span className="tabular-nums text-zinc-600 dark:text-zinc-400">
                  {formatDateTime(h.scanned_at ?? h.created_at, timeZone)}
                </span>{' '}
                {h.from_status ? `${statusWords(h.from_status)} → ` : ''}
                <span className="font-medium">{statusWords(h.to_status)}</span>
                {h.to_location_id && track.names[h.to_location_id] ? ` at ${track.names[h.to_location_id]}` : ''}
                {h.member_id && track.names[h.member_id] ? ` · ${track.names[h.member_id]}` : ''}
                {h.scanner_device ? ` · ${h.scanner_device}` : ''}
                {h.change_reason ? ` · “${h.change_reason}”` : ''}
              </li>
            ))}
          </ol>
        )}
      </div>
    </Card>
  )
}

function OperationStep({ op, timeZone }: { op: TrackedOperation; timeZone: string }) {
  const defects = Object.entries(op.defect_tally)
  return (
    <li className="relative flex flex-col gap-0.5 py-2 pl-4" data-testid="track-operation" data-operation={op.name}>
      <span
        aria-hidden="true"
        className={`absolute top-3.5 -left-[5px] size-2 rounded-full ${
          op.status === 'COMPLETED' ? 'bg-emerald-600' : op.status === 'IN_PROGRESS' ? 'bg-amber-500' : 'bg-zinc-400'
        }`}
      />
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium">
          {op.sequence_number}. {op.name}
        </span>
        <Pill tone={OP_TONE[op.status]}>{OP_WORD[op.status]}</Pill>
      </p>
      {op.status !== 'PENDING' ? (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          {op.operator_name ?? 'Someone'}
          {op.machine_id ? ` · ${op.machine_id}` : ''}
          {op.started_at ? ` · started ${formatDateTime(op.started_at, timeZone)}` : ''}
          {op.completed_at ? ` · done ${formatDateTime(op.completed_at, timeZone)}` : ''}
          {op.status === 'COMPLETED'
            ? ` · ${formatNumber(op.units_completed)} units in ${formatNumber(op.actual_minutes ?? 0)} min` +
              (op.efficiency !== null ? ` (${formatNumber(op.efficiency, { maximumFractionDigits: 1 })} %)` : '')
            : ''}
          {op.rework_units ? ` · ${op.rework_units} reworked` : ''}
          {op.defects_found
            ? ` · ${op.defects_found} defects${defects.length ? ` (${defects.map(([c, n]) => `${c} ${n}`).join(', ')})` : ''}`
            : ''}
        </p>
      ) : null}
    </li>
  )
}
