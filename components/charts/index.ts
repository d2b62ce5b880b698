export { BarChart, Chart, type ChartProps, LineChart } from './chart'
export {
  type ChartKind,
  type ChartSeries,
  type ChartSpec,
  formatDuration,
  formatValue,
  summarize,
  toTable,
  type ValueFormat,
} from './model'
