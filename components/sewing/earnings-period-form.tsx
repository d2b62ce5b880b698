import { buttonClasses, Input, Label } from '@/components/ui'
import { cn } from '@/lib/cn'
import { PERIOD_LABEL, PERIODS, type PeriodPreset } from '@/lib/sewing/earnings'

/**
 * The earnings period: a preset (this week … last month) or custom days. A plain GET form, so it
 * works before (and without) JavaScript; custom days are used only with "Custom".
 */
export function EarningsPeriodForm({
  preset,
  from,
  to,
  member,
}: {
  preset: PeriodPreset
  from?: string
  to?: string
  /** kept when a supervisor changes the period while looking at one operator */
  member?: string
}) {
  const select =
    'h-12 rounded-lg border border-zinc-300 bg-white px-3 text-sm dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100'
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 print:hidden" aria-label="Earnings period">
      <div className="flex flex-col gap-1">
        <Label htmlFor="earnings-period">Period</Label>
        <select id="earnings-period" name="period" defaultValue={preset} className={select}>
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {PERIOD_LABEL[p]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="earnings-from">From (custom)</Label>
        <Input id="earnings-from" name="from" type="date" defaultValue={from} className="h-12" />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="earnings-to">To (custom)</Label>
        <Input id="earnings-to" name="to" type="date" defaultValue={to} className="h-12" />
      </div>
      {member ? <input type="hidden" name="member" value={member} /> : null}
      <button type="submit" className={cn(buttonClasses(), 'h-12 min-w-20')}>
        Show
      </button>
    </form>
  )
}
