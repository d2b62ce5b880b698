import { Pill } from '@/components/common/pill'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui'
import { formatDateTime, formatTime } from '@/lib/format'
import { type ConflictRow, RESOLUTION_LABEL } from '@/lib/sync/schemas'
import { ResolveForm } from './resolve-form'

const OP_LABEL: Record<string, string> = {
  complete_action: 'Action',
  update_action: 'Action (changed)',
  advance: 'Advance',
  scan: 'Scan',
}

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {})
const str = (v: unknown) => (typeof v === 'string' && v ? v : null)

/** The device's change in words: what the operator did, on which stage. */
function deviceLines(c: ConflictRow): [string, string][] {
  const a = c.device_change.args
  const seen = obj(a.seen)
  const lines: [string, string][] = [
    ['Change', `${OP_LABEL[c.op] ?? c.op}${str(a.action_key) ? `: ${a.action_key}` : ''}`],
  ]
  if (str(a.status)) lines.push(['Status', String(a.status)])
  if (str(seen.stage) ?? str(a.expected_stage))
    lines.push(['Made at stage', String(str(seen.stage) ?? a.expected_stage)])
  const data = obj(a.data)
  if (str(data.notes)) lines.push(['Notes', String(data.notes)])
  if (typeof data.value === 'number') lines.push(['Value', `${data.value}${str(data.unit) ? ` ${data.unit}` : ''}`])
  return lines
}

/** The server's version: the item as it was at the last delivery, now, and the lock. */
function serverLines(c: ConflictRow, timeZone: string): [string, string][] {
  const then = obj(c.server_state.item)
  const now = obj(c.item_now)
  const lock = obj(c.server_state.lock)
  const lines: [string, string][] = []
  const stage = (i: Obj) => str(i.stage_name) ?? str(i.current_stage) ?? str(i.status) ?? '—'
  lines.push(['Stage then', stage(then)])
  if (str(then.stage_entered_at)) lines.push(['Since', formatDateTime(String(then.stage_entered_at), timeZone)])
  if (Object.keys(now).length) lines.push(['Stage now', stage(now)])
  if (str(lock.holder))
    lines.push([
      'Held by',
      `${lock.holder}${str(lock.expires_at) ? ` until ${formatTime(String(lock.expires_at), timeZone)}` : ''}`,
    ])
  return lines
}

function Side({ title, who, lines }: { title: string; who: string; lines: [string, string][] }) {
  return (
    <div className="flex min-w-0 flex-col gap-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-700">
      <h3 className="text-sm font-semibold">{title}</h3>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{who}</p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        {lines.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-zinc-600 dark:text-zinc-400">{k}</dt>
            <dd className="min-w-0 break-words">{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}

/** One conflict, side by side: the tablet's change vs the server's state, who and when; resolve or how it was. */
export function ConflictCard({ c, timeZone }: { c: ConflictRow; timeZone: string }) {
  const label = `${OP_LABEL[c.op] ?? c.op} on ${c.item_number ?? 'an item'}`
  return (
    <Card>
      <CardHeader className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle>{label}</CardTitle>
        <Pill tone={c.resolution ? 'green' : 'amber'}>
          {c.resolution ? 'Resolved' : c.kind === 'item_locked' ? 'Locked by another tablet' : 'Changed on the server'}
        </Pill>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <p className="text-sm">{c.message}</p>
        <div className="grid gap-3 md:grid-cols-2">
          <Side
            title="On the tablet"
            who={`${c.member_name ?? 'Someone'}${c.device_id ? ` · ${c.device_id}` : ''} · ${formatDateTime(c.detected_at, timeZone)}${c.deliveries > 1 ? ` · sent ${c.deliveries}×` : ''}`}
            lines={deviceLines(c)}
          />
          <Side
            title="On the server"
            who={`Read ${formatDateTime(str(c.server_state.read_at) ?? c.last_seen_at, timeZone)}`}
            lines={serverLines(c, timeZone)}
          />
        </div>
        {c.resolution ? (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            {RESOLUTION_LABEL[c.resolution]} — {c.resolved_by_name ?? 'a supervisor'}
            {c.resolved_at ? `, ${formatDateTime(c.resolved_at, timeZone)}` : ''}
            {c.resolution_reason ? `: “${c.resolution_reason}”` : ''}
          </p>
        ) : (
          <ResolveForm conflictId={c.id} label={label} />
        )}
      </CardContent>
    </Card>
  )
}
