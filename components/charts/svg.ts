/**
 * What chart.tsx does to chartist's SVG once drawn: per-series hatch patterns for bars and dash
 * patterns for lines (series apart without colour), coloured from model.ts's SERIES_STYLES. Chartist's
 * own CSS colours series by class; setting them per element keeps one palette with the legend.
 */
import { seriesStyle } from './model'

const NS = 'http://www.w3.org/2000/svg'

const HATCH: Record<string, string> = {
  diagonal: 'M0,6 L6,0',
  cross: 'M0,0 L6,6 M6,0 L0,6',
  vertical: 'M3,0 L3,6',
  horizontal: 'M0,3 L6,3',
}

/** One <pattern> per series in the chart's own <defs>, ids prefixed by the chart's id. */
export function drawPatterns(svg: SVGSVGElement, chartId: string, count: number): void {
  const doc = svg.ownerDocument
  const defs = doc.createElementNS(NS, 'defs')
  for (let i = 0; i < count; i++) {
    const st = seriesStyle(i)
    const p = doc.createElementNS(NS, 'pattern')
    p.setAttribute('id', `${chartId}-p${i}`)
    p.setAttribute('patternUnits', 'userSpaceOnUse')
    p.setAttribute('width', '6')
    p.setAttribute('height', '6')
    const bg = doc.createElementNS(NS, 'rect')
    bg.setAttribute('width', '6')
    bg.setAttribute('height', '6')
    bg.setAttribute('fill', st.color)
    p.append(bg)
    if (st.hatch === 'dots') {
      const c = doc.createElementNS(NS, 'circle')
      for (const [k, v] of [
        ['cx', '3'],
        ['cy', '3'],
        ['r', '1.1'],
        ['fill', 'white'],
      ])
        c.setAttribute(k, v)
      p.append(c)
    } else if (HATCH[st.hatch]) {
      const path = doc.createElementNS(NS, 'path')
      path.setAttribute('d', HATCH[st.hatch])
      path.setAttribute('stroke', 'white')
      path.setAttribute('stroke-width', '1.2')
      p.append(path)
    }
    defs.append(p)
  }
  svg.prepend(defs)
}

interface DrawEvent {
  type: string
  seriesIndex?: number
  element: { attr(attrs: Record<string, string>): unknown }
}

/** Colours, dashes and hatches one drawn element (a chartist 'draw' event) by its series. */
export function styleElement(event: DrawEvent, chartId: string): void {
  if (event.seriesIndex === undefined) return
  const st = seriesStyle(event.seriesIndex)
  if (event.type === 'line') {
    event.element.attr({ style: `stroke: ${st.color}${st.dash ? `; stroke-dasharray: ${st.dash}` : ''}` })
  } else if (event.type === 'point') {
    event.element.attr({ style: `stroke: ${st.color}` })
  } else if (event.type === 'bar') {
    event.element.attr({ style: `stroke: url(#${chartId}-p${event.seriesIndex})` })
  }
}
