/**
 * The data a chart shows, apart from how it is drawn: one shape for the line and bar charts, the
 * text alternative (summary + data table) and the series styling that does not rely on colour alone.
 * Pure (no DOM, no chartist): the server renders the table and the summary, tests check them, and
 * the browser hands `toChartistData` to chartist once the chart is on screen (chart.tsx).
 */
import { formatNumber } from '@/lib/format'

export type ChartKind = 'line' | 'bar'

export interface ChartSeries {
  name: string
  /** One value per label; null is a gap (no data), not zero. */
  values: readonly (number | null)[]
}

export interface ChartSpec {
  kind: ChartKind
  /** Says what the chart is ("Items completed per day"): the figure caption and the SVG <title>. */
  title: string
  /** A sentence for screen readers and print: what to look for. Without one, a summary is made. */
  description?: string
  /** The x axis (days, stages, people). */
  labels: readonly string[]
  series: readonly ChartSeries[]
  /** Bars stacked into one column per label (a total made of parts). */
  stacked?: boolean
  /** Bars laid out left to right (long category names). */
  horizontal?: boolean
  /** The unit of the values ("items", "min", "%"), in the summary and the table header. */
  unit?: string
  /**
   * How values read in the table, the summary and the axis. A name, not a function, so a server
   * page can hand the spec to the client chart: `percent` takes fractions (0.5 → 50%), `duration`
   * takes seconds (4500 → 1 h 15 min).
   */
  format?: ValueFormat
}

export type ValueFormat = 'number' | 'integer' | 'percent' | 'duration'

/** Seconds as a short duration: "42 s", "12 min", "1 h 15 min". */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds)
  if (Math.abs(s) < 60) return `${s} s`
  const m = Math.round(s / 60)
  if (Math.abs(m) < 60) return `${m} min`
  const h = Math.trunc(m / 60)
  const rest = Math.abs(m % 60)
  return rest ? `${h} h ${rest} min` : `${h} h`
}

/** Up to this many series get distinct markers; more is a table, not a chart. */
export const MAX_SERIES = 6

export function formatValue(spec: Pick<ChartSpec, 'format'>, value: number | null): string {
  if (value === null || Number.isNaN(value)) return '—'
  switch (spec.format ?? 'number') {
    case 'integer':
      return formatNumber(value, { maximumFractionDigits: 0 })
    case 'percent':
      return formatNumber(value, { style: 'percent', maximumFractionDigits: 1 })
    case 'duration':
      return formatDuration(value)
    default:
      return formatNumber(value)
  }
}

/** A spec that cannot be drawn is a programming error: say so where it is made, not as a blank chart. */
export function checkSpec(spec: ChartSpec): void {
  if (!spec.title.trim()) throw new Error('chart: a title is required (it names the chart for screen readers)')
  if (spec.series.length === 0) throw new Error(`chart "${spec.title}": at least one series`)
  if (spec.series.length > MAX_SERIES) throw new Error(`chart "${spec.title}": at most ${MAX_SERIES} series`)
  for (const s of spec.series) {
    if (s.values.length !== spec.labels.length)
      throw new Error(
        `chart "${spec.title}": series "${s.name}" has ${s.values.length} values for ${spec.labels.length} labels`,
      )
  }
}

/** The chartist data object (`{ labels, series }`); null stays a hole (chartist skips it). */
export function toChartistData(spec: ChartSpec): { labels: string[]; series: (number | null)[][] } {
  return { labels: [...spec.labels], series: spec.series.map((s) => [...s.values]) }
}

const defined = (v: number | null): v is number => v !== null && !Number.isNaN(v)

/**
 * The sentence a screen reader hears when no description is given: what is plotted, over what,
 * and each series' range (a stacked chart also gives the largest total).
 */
export function summarize(spec: ChartSpec): string {
  if (spec.description) return spec.description
  const n = spec.labels.length
  if (n === 0) return `${spec.title}: no data for this period.`
  const unit = spec.unit ? ` ${spec.unit}` : ''
  const what = spec.kind === 'line' ? 'Line chart' : spec.stacked ? 'Stacked bar chart' : 'Bar chart'
  const span = n === 1 ? spec.labels[0] : `${spec.labels[0]} to ${spec.labels[n - 1]}`
  const parts = spec.series.map((s) => {
    const vs = s.values.filter(defined)
    if (vs.length === 0) return `${s.name}: no data`
    const lo = Math.min(...vs)
    const hi = Math.max(...vs)
    const at = spec.labels[s.values.indexOf(hi)]
    return lo === hi
      ? `${s.name}: ${formatValue(spec, hi)}${unit} throughout`
      : `${s.name}: from ${formatValue(spec, lo)} to ${formatValue(spec, hi)}${unit} (highest at ${at})`
  })
  if (spec.stacked && spec.series.length > 1) {
    const totals = spec.labels.map((_, i) => spec.series.reduce((t, s) => t + (s.values[i] ?? 0), 0))
    const hi = Math.max(...totals)
    parts.push(`largest total ${formatValue(spec, hi)}${unit} at ${spec.labels[totals.indexOf(hi)]}`)
  }
  return `${what}, ${n} ${n === 1 ? 'point' : 'points'} (${span}). ${parts.join('; ')}.`
}

export interface TableModel {
  /** Column headers: the label column, then one per series (+ Total when stacked). */
  head: string[]
  rows: { label: string; cells: string[] }[]
}

/** The data table beside every chart: the same numbers, readable without the picture. */
export function toTable(spec: ChartSpec, labelHeader = 'Label'): TableModel {
  const unit = spec.unit ? ` (${spec.unit})` : ''
  const total = spec.stacked && spec.series.length > 1
  const head = [labelHeader, ...spec.series.map((s) => `${s.name}${unit}`), ...(total ? [`Total${unit}`] : [])]
  const rows = spec.labels.map((label, i) => {
    const cells = spec.series.map((s) => formatValue(spec, s.values[i] ?? null))
    if (total)
      cells.push(
        formatValue(
          spec,
          spec.series.reduce((t, s) => t + (s.values[i] ?? 0), 0),
        ),
      )
    return { label, cells }
  })
  return { head, rows }
}

/**
 * Series are told apart by more than colour (WCAG 1.4.1): each has a colour, a dash pattern (lines)
 * or a hatch (bars), and a marker shape in the legend. Colours are the Okabe–Ito palette, which stays
 * distinct for the common colour-vision deficiencies, darkened where needed for 3:1 against white.
 */
export const SERIES_STYLES = [
  { color: '#0b6bb0', dash: '', marker: 'circle', hatch: 'none' },
  { color: '#b45309', dash: '8 4', marker: 'square', hatch: 'diagonal' },
  { color: '#047857', dash: '2 3', marker: 'triangle', hatch: 'dots' },
  { color: '#a8326e', dash: '10 3 2 3', marker: 'diamond', hatch: 'cross' },
  { color: '#5b21b6', dash: '4 4', marker: 'bar', hatch: 'vertical' },
  { color: '#3f3f46', dash: '1 2', marker: 'ring', hatch: 'horizontal' },
] as const

export type SeriesStyle = (typeof SERIES_STYLES)[number]

export const seriesStyle = (index: number): SeriesStyle => SERIES_STYLES[index % SERIES_STYLES.length]
