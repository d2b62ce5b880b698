import type { ChartSpec } from './model'
import { seriesStyle } from './model'

/**
 * The legend: each series' name beside a swatch with its colour AND its line dash / marker shape, so
 * the series can be told apart without colour (WCAG 1.4.1) and in a black-and-white print.
 */
export function ChartLegend({ spec, chartId }: { spec: ChartSpec; chartId: string }) {
  if (spec.series.length < 2) return null
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300" aria-label="Legend">
      {spec.series.map((s, i) => (
        <li key={s.name} className="inline-flex items-center gap-1.5">
          <Swatch index={i} kind={spec.kind} chartId={chartId} />
          {s.name}
        </li>
      ))}
    </ul>
  )
}

function Swatch({ index, kind, chartId }: { index: number; kind: ChartSpec['kind']; chartId: string }) {
  const st = seriesStyle(index)
  return (
    <svg width="28" height="14" viewBox="0 0 28 14" aria-hidden="true" focusable="false">
      {kind === 'line' ? (
        <>
          <line
            x1="0"
            y1="7"
            x2="28"
            y2="7"
            stroke={st.color}
            strokeWidth="2.5"
            strokeDasharray={st.dash || undefined}
          />
          <Marker shape={st.marker} color={st.color} />
        </>
      ) : (
        <>
          <defs>
            <HatchPattern id={`${chartId}-legend-p${index}`} index={index} />
          </defs>
          <rect x="4" y="1" width="20" height="12" fill={`url(#${chartId}-legend-p${index})`} stroke={st.color} />
        </>
      )}
    </svg>
  )
}

function Marker({ shape, color }: { shape: string; color: string }) {
  switch (shape) {
    case 'square':
      return <rect x="10" y="3" width="8" height="8" fill={color} />
    case 'triangle':
      return <polygon points="14,2 19,12 9,12" fill={color} />
    case 'diamond':
      return <polygon points="14,1 19,7 14,13 9,7" fill={color} />
    case 'bar':
      return <rect x="12" y="1" width="4" height="12" fill={color} />
    case 'ring':
      return <circle cx="14" cy="7" r="4" fill="white" stroke={color} strokeWidth="2" />
    default:
      return <circle cx="14" cy="7" r="4" fill={color} />
  }
}

/** The same hatch chart.tsx puts into chartist's SVG (svg.ts builds it there without React). */
export function HatchPattern({ id, index }: { id: string; index: number }) {
  const st = seriesStyle(index)
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="6" height="6">
      <rect width="6" height="6" fill={st.color} />
      {st.hatch === 'diagonal' && <path d="M0,6 L6,0" stroke="white" strokeWidth="1.2" />}
      {st.hatch === 'dots' && <circle cx="3" cy="3" r="1.1" fill="white" />}
      {st.hatch === 'cross' && <path d="M0,0 L6,6 M6,0 L0,6" stroke="white" strokeWidth="0.9" />}
      {st.hatch === 'vertical' && <path d="M3,0 L3,6" stroke="white" strokeWidth="1.2" />}
      {st.hatch === 'horizontal' && <path d="M0,3 L6,3" stroke="white" strokeWidth="1.2" />}
    </pattern>
  )
}
