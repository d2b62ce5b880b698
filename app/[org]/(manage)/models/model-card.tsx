import type { ReactNode } from 'react'
import { Pill } from '@/components/common/pill'
import { Card } from '@/components/ui'
import { hours } from '@/lib/batches/format'
import { COMPLEXITY_LABEL, WOOD_SWATCH } from '@/lib/models/labels'
import type { Model } from '@/lib/models/queries'
import { money } from '@/lib/orders/format'

/** A model: price, woods, complexity, and per stage its hours and QC checklist. */
export function ModelCard({ model, currency, actions }: { model: Model; currency: string; actions?: ReactNode }) {
  const total = model.stages.reduce((n, s) => n + s.estimated_hours, 0)
  const longest = Math.max(...model.stages.map((s) => s.estimated_hours), 0.01)
  return (
    <Card aria-labelledby={`model-${model.id}`} className="flex flex-col" data-testid="model-card">
      <header className="flex flex-col gap-3 p-5 pb-4">
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <h2 id={`model-${model.id}`} className="text-lg font-semibold tracking-tight">
              {model.name}
            </h2>
            <p className="text-sm text-zinc-500 dark:text-zinc-400">
              SKU <span className="font-mono">{model.sku_prefix}</span> · {COMPLEXITY_LABEL[model.complexity]}{' '}
              complexity
            </p>
          </div>
          <div className="text-right">
            <p className="text-lg font-semibold tabular-nums">{money(model.base_price, currency)}</p>
            {model.is_active ? null : <Pill tone="amber">Archived</Pill>}
          </div>
        </div>
        {actions ? <div className="flex flex-wrap items-start gap-2">{actions}</div> : null}
        {model.description ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{model.description}</p> : null}
        <ul className="flex flex-wrap gap-1.5" aria-label="Woods">
          {model.wood_types.map((w) => (
            <li
              key={w}
              className="inline-flex items-center gap-1.5 rounded-full border border-zinc-200 py-0.5 pr-2.5 pl-1 text-xs font-medium dark:border-zinc-700"
            >
              <span
                aria-hidden="true"
                className="size-4 rounded-full ring-1 ring-black/10"
                style={{ background: WOOD_SWATCH[w] }}
              />
              {w}
            </li>
          ))}
        </ul>
      </header>
      <div className="border-t border-zinc-100 px-5 py-4 dark:border-zinc-800">
        <div className="mb-2 flex items-baseline justify-between text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
          <span>Stages</span>
          <span>
            {hours(total)} per unit
            {total !== model.base_production_hours ? ` · nominal ${hours(model.base_production_hours)}` : ''}
          </span>
        </div>
        <ol className="flex flex-col divide-y divide-zinc-100 dark:divide-zinc-800">
          {model.stages.map((s) => (
            <li key={s.stage}>
              <details className="group py-1">
                <summary className="flex cursor-pointer list-none items-center gap-3 rounded-md py-1.5 text-sm [&::-webkit-details-marker]:hidden">
                  <svg
                    viewBox="0 0 20 20"
                    aria-hidden="true"
                    className="size-3.5 shrink-0 text-zinc-400 transition-transform group-open:rotate-90"
                  >
                    <path d="M7 5l5 5-5 5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
                  </svg>
                  <span className="w-32 shrink-0 font-medium">{s.stage}</span>
                  <span
                    aria-hidden="true"
                    className="h-1.5 flex-1 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800"
                  >
                    <span
                      className="block h-full rounded-full bg-brand-500/70"
                      style={{ width: `${(s.estimated_hours / longest) * 100}%` }}
                    />
                  </span>
                  <span className="w-12 shrink-0 text-right tabular-nums">{hours(s.estimated_hours)}</span>
                  <span className="w-14 shrink-0 text-right text-xs text-zinc-500 dark:text-zinc-400">
                    {s.quality_checklist.length} {s.quality_checklist.length === 1 ? 'check' : 'checks'}
                  </span>
                </summary>
                {s.quality_checklist.length ? (
                  <ul className="mt-1 mb-2 ml-6 flex flex-col gap-1 text-sm">
                    {s.quality_checklist.map((c, i) => (
                      <li key={c.key ?? i} className="flex items-start gap-2">
                        <span
                          aria-hidden="true"
                          className="mt-0.5 size-4 shrink-0 rounded border border-zinc-300 dark:border-zinc-600"
                        />
                        <span>
                          {c.label}
                          {c.required ? (
                            <span className="ml-1.5 text-xs font-medium text-red-600 dark:text-red-400">required</span>
                          ) : null}
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-1 mb-2 ml-6 text-sm text-zinc-500 dark:text-zinc-400">No checks at this stage.</p>
                )}
              </details>
            </li>
          ))}
        </ol>
      </div>
    </Card>
  )
}
