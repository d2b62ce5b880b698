import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { Chart } from '../../components/charts/chart'
import {
  type ChartSpec,
  checkSpec,
  formatDuration,
  formatValue,
  SERIES_STYLES,
  summarize,
  toChartistData,
  toTable,
} from '../../components/charts/model'

const spec: ChartSpec = {
  kind: 'bar',
  title: 'Items per day',
  labels: ['Mon', 'Tue', 'Wed'],
  series: [
    { name: 'Passed', values: [4, 6, null] },
    { name: 'Failed', values: [1, 0, 2] },
  ],
  stacked: true,
  unit: 'items',
  format: 'integer',
}

describe('chart model', () => {
  it('checks the spec', () => {
    expect(() => checkSpec(spec)).not.toThrow()
    expect(() => checkSpec({ ...spec, title: ' ' })).toThrow(/title/)
    expect(() => checkSpec({ ...spec, series: [{ name: 'x', values: [1] }] })).toThrow(/1 values for 3 labels/)
  })
  it('chartist data keeps null as a hole', () => {
    expect(toChartistData(spec)).toEqual({
      labels: ['Mon', 'Tue', 'Wed'],
      series: [
        [4, 6, null],
        [1, 0, 2],
      ],
    })
  })
  it('a summary in words, with a stacked total', () => {
    expect(summarize(spec)).toBe(
      'Stacked bar chart, 3 points (Mon to Wed). Passed: from 4 to 6 items (highest at Tue); Failed: from 0 to 2 items (highest at Wed); largest total 6 items at Tue.',
    )
    expect(summarize({ ...spec, description: 'Given.' })).toBe('Given.')
    expect(summarize({ ...spec, labels: [], series: [{ name: 'a', values: [] }] })).toMatch(/no data/)
  })
  it('the table has units, a total column and a dash for no data', () => {
    const t = toTable(spec, 'Day')
    expect(t.head).toEqual(['Day', 'Passed (items)', 'Failed (items)', 'Total (items)'])
    expect(t.rows[2]).toEqual({ label: 'Wed', cells: ['—', '2', '2'] })
  })
  it('value formats', () => {
    expect(formatValue({ format: 'percent' }, 0.925)).toBe('92.5%')
    expect(formatValue({ format: 'duration' }, 4500)).toBe('1 h 15 min')
    expect(formatDuration(42)).toBe('42 s')
    expect(formatDuration(600)).toBe('10 min')
    expect(formatValue({}, 1234.567)).toBe('1,234.57')
  })
  it('every series differs by more than colour', () => {
    expect(new Set(SERIES_STYLES.map((s) => s.marker)).size).toBe(SERIES_STYLES.length)
    expect(new Set(SERIES_STYLES.map((s) => s.hatch)).size).toBe(SERIES_STYLES.length)
    expect(new Set(SERIES_STYLES.map((s) => s.dash)).size).toBe(SERIES_STYLES.length)
  })
})

describe('<Chart> server render (before chartist loads)', () => {
  const html = renderToString(createElement(Chart, { spec, labelHeader: 'Day' }))
  it('a named figure with a summary, a legend and a printable table', () => {
    expect(html).toMatch(/<figure[^>]*aria-labelledby="[^"]+-title"/)
    expect(html).toContain('<figcaption')
    expect(html).toContain('Items per day')
    expect(html).toContain('Stacked bar chart, 3 points')
    expect(html).toContain('aria-label="Legend"')
    expect(html).toContain('aria-expanded="false"')
    expect(html).toContain('Show data table')
    expect(html).toContain('hidden print:block')
    expect(html).toContain('<th scope="row"')
    // chartist is not part of the server render
    expect(html).not.toContain('ct-chart')
  })
  it('no data: says so instead of an empty picture', () => {
    const empty = renderToString(
      createElement(Chart, { spec: { ...spec, labels: [], series: [{ name: 'a', values: [] }] } }),
    )
    expect(empty).toContain('No data for this period.')
    expect(empty).not.toContain('Show data table')
  })
})
