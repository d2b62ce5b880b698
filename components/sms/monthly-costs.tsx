import { count, formatNumber, LOCALE } from '@/lib/format'
import type { MonthlyCosts } from '@/lib/sms/bulk-progress'

const NAMES = { semaphore: 'Semaphore', twilio: 'Twilio', movider: 'Movider' } as const

/** An amount in a provider's currency: ISO codes as money, Semaphore's credits as a number of credits. */
export function formatCost(micros: number, currency: string | null): string {
  const amount = micros / 1_000_000
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    return new Intl.NumberFormat(LOCALE, {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 4,
    }).format(amount)
  }
  return `${formatNumber(amount, { maximumFractionDigits: 4 })} ${currency ?? ''}`.trim()
}

function monthName(month: string): string {
  return new Intl.DateTimeFormat(LOCALE, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-15T12:00:00Z`),
  )
}

/**
 * What texts cost, per month (the workshop's time zone) and provider, from the database
 * (sms_monthly_costs: every text that reached a provider, at the price the provider reported).
 * Providers bill in their own currency (Semaphore in credits), so nothing is added across them.
 */
export function MonthlyCostTable({ rows }: { rows: MonthlyCosts }) {
  if (!rows.length) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">No texts have reached a provider in the last year.</p>
    )
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-sm" data-testid="sms-costs">
        <caption className="sr-only">SMS cost by month and provider</caption>
        <thead className="bg-zinc-50 text-left dark:bg-zinc-900">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Month
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Provider
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Texts
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Parts
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Cost
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.map((r) => (
            <tr key={`${r.month}:${r.provider}`} data-testid="sms-cost-row" data-provider={r.provider}>
              <th scope="row" className="px-4 py-2 text-left font-normal">
                {monthName(r.month)}
              </th>
              <td className="px-4 py-2">{NAMES[r.provider]}</td>
              <td className="px-4 py-2 text-right tabular-nums">{formatNumber(r.texts)}</td>
              <td className="px-4 py-2 text-right tabular-nums">{formatNumber(r.segments)}</td>
              <td className="px-4 py-2 text-right tabular-nums">
                {formatCost(r.cost_micros, r.currency)}
                {r.priced < r.texts ? (
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                    {count(r.texts - r.priced, 'text')} not priced by the provider
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
