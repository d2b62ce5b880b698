import { buttonClasses, Input, Label } from '@/components/ui'
import { cn } from '@/lib/cn'
import type { Range } from '@/lib/dashboard/schemas'

const RANGE_LABEL: Record<Range, string> = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  custom: 'Custom',
}

/** The range picker: a plain GET form, so it works before (and without) JavaScript. */
export function RangeForm({
  range,
  from,
  to,
  locationId,
  locations,
}: {
  range: Range
  from?: string
  to?: string
  locationId?: string
  locations: { id: string; name: string }[]
}) {
  const select =
    'h-11 rounded-lg border border-zinc-300 bg-white px-3 text-sm dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100'
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 print:hidden" aria-label="Dashboard range">
      <div className="flex flex-col gap-1">
        <Label htmlFor="dash-range">Range</Label>
        <select id="dash-range" name="range" defaultValue={range} className={select}>
          {(Object.keys(RANGE_LABEL) as Range[]).map((r) => (
            <option key={r} value={r}>
              {RANGE_LABEL[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="dash-from">From (custom)</Label>
        <Input id="dash-from" name="from" type="date" defaultValue={from} className="h-11" />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="dash-to">To (custom)</Label>
        <Input id="dash-to" name="to" type="date" defaultValue={to} className="h-11" />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="dash-location">Attendance at</Label>
        <select id="dash-location" name="location" defaultValue={locationId ?? ''} className={select}>
          <option value="">All locations</option>
          {locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={cn(buttonClasses(), 'h-11')}>
        Show
      </button>
    </form>
  )
}
