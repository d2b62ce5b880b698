'use client'
import 'chartist/dist/index.css'
import './charts.css'
import { useEffect, useId, useRef, useState } from 'react'
import { cn } from '@/lib/cn'
import { ChartLegend } from './legend'
import { type ChartSpec, checkSpec, formatValue, seriesStyle, summarize, toChartistData, toTable } from './model'
import { drawPatterns, styleElement } from './svg'

export interface ChartProps {
  spec: ChartSpec
  /** Drawing height in px (the width follows the container). */
  height?: number
  /** Header of the table's first column ("Day", "Stage", "Operator"). */
  labelHeader?: string
  /** Show the data table from the start (it is always printed). */
  tableOpen?: boolean
  className?: string
}

/**
 * The one chart on every screen (floor performance, stock analytics, sewing earnings): a figure with
 * its title, a text summary, a legend that does not rely on colour, the SVG drawn by chartist and a
 * data table that can be shown and is always printed. Chartist is imported only in the browser once
 * the chart mounts, so it is a chunk of the pages that chart and of no others; the server render
 * already holds everything but the picture (title, summary, legend, table).
 */
export function Chart({ spec, height = 240, labelHeader, tableOpen = false, className }: ChartProps) {
  checkSpec(spec)
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '')
  const titleId = `${id}-title`
  const descId = `${id}-desc`
  const tableId = `${id}-table`
  const host = useRef<HTMLDivElement>(null)
  const [open, setOpen] = useState(tableOpen)
  const [failed, setFailed] = useState(false)
  const empty = spec.labels.length === 0 || spec.series.every((s) => s.values.every((v) => v === null))
  const summary = summarize(spec)
  // the spec as a value: a new object with the same data does not redraw
  const key = JSON.stringify(spec)

  useEffect(() => {
    const el = host.current
    if (!el || empty) return
    const current = JSON.parse(key) as ChartSpec
    let chart: { detach(): void } | undefined
    let cancelled = false
    import('chartist')
      .then(({ LineChart, BarChart }) => {
        if (cancelled) return
        const axisLabel = (v: unknown) => (typeof v === 'number' ? formatValue(current, v) : String(v))
        const data = toChartistData(current)
        const made =
          current.kind === 'line'
            ? new LineChart(el, data, {
                height,
                fullWidth: true,
                chartPadding: { right: 24 },
                axisY: { labelInterpolationFnc: axisLabel, onlyInteger: current.format === 'integer' },
              })
            : new BarChart(el, data, {
                height,
                stackBars: Boolean(current.stacked),
                horizontalBars: Boolean(current.horizontal),
                axisY: current.horizontal ? { offset: 100 } : { labelInterpolationFnc: axisLabel },
                axisX: current.horizontal ? { labelInterpolationFnc: axisLabel } : {},
              })
        made.on('created', ({ svg }) => {
          const node = svg.getNode() as SVGSVGElement
          node.setAttribute('role', 'img')
          node.setAttribute('aria-labelledby', `${titleId} ${descId}`)
          node.setAttribute('focusable', 'false')
          const doc = node.ownerDocument
          const title = doc.createElementNS('http://www.w3.org/2000/svg', 'title')
          title.textContent = current.title
          const desc = doc.createElementNS('http://www.w3.org/2000/svg', 'desc')
          desc.textContent = summarize(current)
          node.prepend(title, desc)
          drawPatterns(node, id, current.series.length)
        })
        made.on('draw', (event) => styleElement(event, id))
        chart = made
      })
      .catch(() => setFailed(true))
    return () => {
      cancelled = true
      chart?.detach()
      el.replaceChildren()
    }
  }, [key, height, empty, id, titleId, descId])

  const table = toTable(spec, labelHeader)
  return (
    <figure className={cn('fl-chart space-y-2', className)} aria-labelledby={titleId}>
      <figcaption id={titleId} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        {spec.title}
      </figcaption>
      <p id={descId} className="sr-only print:not-sr-only print:text-xs">
        {summary}
      </p>
      {empty ? (
        <p className="rounded-md border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No data for this period.
        </p>
      ) : (
        <>
          <ChartLegend spec={spec} chartId={id} />
          {/* the SVG names itself (role="img" + title/desc); until chartist draws, the space is kept */}
          <div ref={host} className="w-full" style={{ minHeight: height }} data-chart-kind={spec.kind} />
          {failed && (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              The chart could not be drawn; the table below has the same numbers.
            </p>
          )}
        </>
      )}
      {!empty && (
        <div className="print:hidden">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={tableId}
            onClick={() => setOpen(!open)}
            className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-100"
          >
            {open ? 'Hide data table' : 'Show data table'}
          </button>
        </div>
      )}
      {!empty && (
        <div id={tableId} className={cn('overflow-x-auto', open ? 'block' : 'hidden print:block')}>
          <table className="min-w-full text-left text-sm tabular-nums">
            <caption className="sr-only">{spec.title}</caption>
            <thead>
              <tr className="border-b border-zinc-200 dark:border-zinc-700">
                {table.head.map((h, i) => (
                  <th key={h} scope="col" className={cn('px-2 py-1 font-medium', i > 0 && 'text-right')}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.label} className="border-b border-zinc-100 dark:border-zinc-800">
                  <th scope="row" className="px-2 py-1 font-normal">
                    {r.label}
                  </th>
                  {r.cells.map((c, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed by the spec
                    <td key={i} className="px-2 py-1 text-right">
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  )
}

/** A line chart (trends over time). */
export function LineChart(props: Omit<ChartProps, 'spec'> & { spec: Omit<ChartSpec, 'kind'> }) {
  return <Chart {...props} spec={{ ...props.spec, kind: 'line' }} />
}

/** A bar chart (comparisons; `stacked` for a total made of parts). */
export function BarChart(props: Omit<ChartProps, 'spec'> & { spec: Omit<ChartSpec, 'kind'> }) {
  return <Chart {...props} spec={{ ...props.spec, kind: 'bar' }} />
}

export { seriesStyle }
