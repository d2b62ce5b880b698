import type { ExportTable } from '@/lib/dashboard/exports'
import type { OverviewQuery } from '@/lib/dashboard/schemas'

/** "Download CSV" for one table behind a chart: the overview's own query, so the numbers match. */
export function ExportLink({ table, query, label }: { table: ExportTable; query: OverviewQuery; label: string }) {
  const params = new URLSearchParams({ org_id: query.org_id, range: query.range })
  if (query.from) params.set('from', query.from)
  if (query.to) params.set('to', query.to)
  if (query.location_id) params.set('location_id', query.location_id)
  return (
    <a
      href={`/api/dashboard/export/${table}?${params}`}
      download
      className="text-sm font-medium text-blue-700 underline underline-offset-2 print:hidden dark:text-blue-300"
    >
      Download {label} (CSV)
    </a>
  )
}
