import Link from 'next/link'
import { Alert } from '@/components/common/alert'
import { EmptyState } from '@/components/common/empty-state'
import { PrintButton } from '@/components/members/print-button'
import { buttonClasses } from '@/components/ui'
import { cn } from '@/lib/cn'
import { labelQrSvg } from '@/lib/floor/labels'
import { floorContext } from '@/lib/floor/queries'
import { orgPlaces } from '@/lib/orgs/queries'
import { binLabel, itemLabel } from '@/lib/stock/labels'
import { isSupervisor, stockItems } from '@/lib/stock/queries'

export const metadata = { title: 'Stock labels' }

/**
 * Printable stock labels (A4, 3 × 7, the floor label sheet's layout): one per active item (its code
 * and unit) and one per bin (location). Scanning an item label on the counting tablet opens its
 * line; a bin label shows that location's lines.
 */
export default async function StockLabelsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<{ kind?: string }>
}) {
  const slug = (await params).org
  const kind = (await searchParams).kind === 'bins' ? 'bins' : 'items'
  const ctx = await floorContext(slug)
  if (!ctx.org.can_act || !isSupervisor(ctx.org.role))
    return <Alert tone="warning">Stock labels are printed by supervisors and above.</Alert>
  const prefix = ctx.labelPrefix ?? slug.slice(0, 4).toUpperCase()
  const rows =
    kind === 'items'
      ? (await stockItems(ctx.org.org_id))
          .filter((i) => i.is_active)
          .map((i) => ({
            key: i.id,
            payload: itemLabel(prefix, i.code),
            title: i.code,
            subtitle: `${i.name} · ${i.unit}`,
          }))
      : (await orgPlaces(ctx.org.org_id)).locations
          .filter((l) => l.is_active)
          .map((l) => ({ key: l.id, payload: binLabel(prefix, l.id), title: l.name, subtitle: 'Bin' }))
  const labels = await Promise.all(rows.map(async (r) => ({ ...r, svg: await labelQrSvg(r.payload) })))
  return (
    <div className="flex flex-col gap-6">
      <style>{'@page { size: A4; margin: 8mm } @media print { body { background: white } }'}</style>
      <div className="flex flex-col gap-4 print:hidden">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Stock labels</h1>
            <p className="mt-1 text-zinc-600 dark:text-zinc-400">
              Print on A4 label sheets (3 × 7) for shelves and bins; the counting tablet reads them.
            </p>
          </div>
          <PrintButton />
        </div>
        <nav aria-label="Label sheets" className="flex flex-wrap gap-2">
          {(['items', 'bins'] as const).map((k) => (
            <Link
              key={k}
              href={`/${slug}/stock/labels?kind=${k}`}
              aria-current={k === kind ? 'page' : undefined}
              className={buttonClasses({ variant: k === kind ? 'primary' : 'secondary' })}
            >
              {k === 'items' ? 'Items' : 'Bins'}
            </Link>
          ))}
        </nav>
      </div>
      {labels.length === 0 ? (
        <EmptyState title="No labels to print">Nothing of this kind yet.</EmptyState>
      ) : (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 print:grid-cols-3 print:gap-0" aria-label="Label sheet">
          {labels.map((l) => (
            <li
              key={l.key}
              data-testid="label"
              className={cn(
                'flex break-inside-avoid items-center gap-3 rounded-xl border border-zinc-300 bg-white p-3 text-zinc-900',
                'print:h-[38mm] print:rounded-none print:border-dashed print:p-[3mm]',
              )}
            >
              <div
                role="img"
                aria-label={`QR code ${l.payload}`}
                className="size-28 shrink-0 print:size-[30mm] [&>svg]:size-full"
                // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG made on the server by the qrcode package from the item code or location id
                dangerouslySetInnerHTML={{ __html: l.svg }}
              />
              <div className="min-w-0">
                <p className="truncate text-lg leading-tight font-bold">{l.title}</p>
                <p className="truncate text-xs text-zinc-600">{l.subtitle}</p>
                <p className="mt-1 font-mono text-sm font-semibold tracking-wide">{l.payload}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
