import Link from 'next/link'
import { Alert } from '@/components/common/alert'
import { EmptyState } from '@/components/common/empty-state'
import { PrintButton } from '@/components/members/print-button'
import { Button, buttonClasses } from '@/components/ui'
import { cn } from '@/lib/cn'
import { type LabelRow, labelQrSvg, qrPayload, SHEET_KINDS, type SheetKind } from '@/lib/floor/labels'
import { floorContext } from '@/lib/floor/queries'
import { atLeast } from '@/lib/members/roles'
import { jsonArray, parseRpc } from '@/lib/rpc'
import { createClient } from '@/lib/supabase/server'

export const metadata = { title: 'Labels' }

/**
 * Printable label sheets (A4, 3 × 7): a batch and each of its units, a lay's garment bundles, the
 * locations, the action cards, the badges. Each label: its QR code, the code in letters a person can type, and what it
 * is. Codes are minted on first print and never change.
 */
export default async function LabelsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<{ kind?: string; batch?: string; lay?: string }>
}) {
  const slug = (await params).org
  const q = await searchParams
  const ctx = await floorContext(slug)
  if (!ctx.org.can_act) return <Alert tone="warning">PIN in on a station to print labels.</Alert>
  const kind: SheetKind = q.kind && q.kind in SHEET_KINDS ? (q.kind as SheetKind) : 'batch_orders'
  const supabase = await createClient()
  const { data: batchRows } = await supabase
    .from('batches')
    .select('id, batch_number, current_stage')
    .eq('org_id', ctx.org.org_id)
    .eq('is_complete', false)
    .order('created_at', { ascending: false })
  const batches = batchRows ?? []
  const batch = kind === 'batch_orders' ? (batches.find((b) => b.id === q.batch) ?? batches[0]) : undefined
  // a lay's bundles: the lays that were cut, newest first (the cutting screen links here with ?lay=)
  const { data: layRows } =
    kind === 'lay_bundles'
      ? await supabase
          .from('lays')
          .select('id, lay_number, colour, styles(code)')
          .eq('org_id', ctx.org.org_id)
          .eq('status', 'cut')
          .order('created_at', { ascending: false })
          .limit(100)
      : { data: [] }
  const lays = layRows ?? []
  const lay = kind === 'lay_bundles' ? (lays.find((l) => l.id === q.lay) ?? lays[0]) : undefined
  const canBadges = atLeast(ctx.org.role, 'supervisor')

  let rows: LabelRow[] = []
  let error: string | null = null
  if ((kind !== 'batch_orders' || batch) && (kind !== 'lay_bundles' || lay) && (kind !== 'user' || canBadges)) {
    const { data, error: e } = await supabase.rpc('floor_label_sheet', {
      p_org_id: ctx.org.org_id,
      p_kind: kind,
      ...(kind === 'batch_orders' && batch ? { p_ids: [batch.id] } : {}),
      ...(kind === 'lay_bundles' && lay ? { p_ids: [lay.id] } : {}),
    })
    if (e) error = e.message
    rows = e ? [] : parseRpc(jsonArray<LabelRow>(), data, 'floor_label_sheet')
  }
  const labels = await Promise.all(rows.map(async (r) => ({ ...r, svg: await labelQrSvg(qrPayload(r)) })))

  return (
    <div className="flex flex-col gap-6">
      <style>{'@page { size: A4; margin: 8mm } @media print { body { background: white } }'}</style>
      <div className="flex flex-col gap-4 print:hidden">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Labels</h1>
            <p className="mt-1 text-zinc-600 dark:text-zinc-400">
              Print on A4 label sheets (3 × 7) and stick them on the work, the benches and the action cards.
            </p>
          </div>
          <PrintButton />
        </div>
        <nav aria-label="Label sheets" className="flex flex-wrap gap-2">
          {(Object.entries(SHEET_KINDS) as Array<[SheetKind, string]>).map(([k, label]) =>
            k === 'user' && !canBadges ? null : (
              <Link
                key={k}
                href={`/${slug}/labels?kind=${k}`}
                aria-current={k === kind ? 'page' : undefined}
                className={buttonClasses({ variant: k === kind ? 'primary' : 'secondary' })}
              >
                {label}
              </Link>
            ),
          )}
        </nav>
        {kind === 'batch_orders' ? (
          <form className="flex flex-wrap items-end gap-2" action={`/${slug}/labels`}>
            <input type="hidden" name="kind" value="batch_orders" />
            <label className="flex flex-col gap-1 text-sm font-medium">
              Batch
              <select
                name="batch"
                defaultValue={batch?.id}
                className="h-10 rounded-lg border border-zinc-300 bg-white px-3 dark:border-zinc-700 dark:bg-zinc-900"
              >
                {batches.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.batch_number} · {b.current_stage}
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit" variant="secondary">
              Show
            </Button>
          </form>
        ) : null}
        {kind === 'lay_bundles' && lays.length ? (
          <form className="flex flex-wrap items-end gap-2" action={`/${slug}/labels`}>
            <input type="hidden" name="kind" value="lay_bundles" />
            <label className="flex flex-col gap-1 text-sm font-medium">
              Lay
              <select
                name="lay"
                defaultValue={lay?.id}
                className="h-10 rounded-lg border border-zinc-300 bg-white px-3 dark:border-zinc-700 dark:bg-zinc-900"
              >
                {lays.map((l) => (
                  <option key={l.id} value={l.id}>
                    L-{l.lay_number} · {l.styles?.code} · {l.colour}
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit" variant="secondary">
              Show
            </Button>
          </form>
        ) : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
      </div>
      {labels.length === 0 ? (
        <EmptyState title="No labels to print">
          {kind === 'batch_orders'
            ? 'There is no unfinished batch.'
            : kind === 'lay_bundles'
              ? 'No lay has been cut into bundles yet.'
              : 'Nothing of this kind yet.'}
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 print:grid-cols-3 print:gap-0" aria-label="Label sheet">
          {labels.map((l) => (
            <li
              key={`${l.kind}-${l.id}`}
              data-testid="label"
              className={cn(
                'flex break-inside-avoid items-center gap-3 rounded-xl border border-zinc-300 bg-white p-3 text-zinc-900',
                'print:h-[38mm] print:rounded-none print:border-dashed print:p-[3mm]',
              )}
            >
              <div
                role="img"
                aria-label={`QR code ${qrPayload(l)}`}
                className="size-28 shrink-0 print:size-[30mm] [&>svg]:size-full"
                // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG made on the server by the qrcode package from a label the database minted
                dangerouslySetInnerHTML={{ __html: l.svg }}
              />
              <div className="min-w-0">
                <p className="truncate text-lg leading-tight font-bold">{l.title}</p>
                {l.subtitle ? <p className="truncate text-xs text-zinc-600">{l.subtitle}</p> : null}
                <p className="mt-1 font-mono text-sm font-semibold tracking-wide" data-testid="label-code">
                  {qrPayload(l)}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
