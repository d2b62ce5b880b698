/** Timing for benches: bounded by a count and a deadline, sequential, one operation at a time. */
export interface Measurement {
  ops: number
  seconds: number
  perSecond: number
  p50: number
  p99: number
}

export interface MeasureOptions {
  warmup?: number
  iterations?: number
  /** Stop early after this long, whatever the count. */
  maxSeconds?: number
}

export async function measure(op: () => Promise<unknown>, opts: MeasureOptions = {}): Promise<Measurement> {
  const { warmup = 50, iterations = 1000, maxSeconds = 10 } = opts
  for (let i = 0; i < warmup; i++) await op()
  const samples: number[] = []
  const started = performance.now()
  const deadline = started + maxSeconds * 1000
  for (let i = 0; i < iterations && performance.now() < deadline; i++) {
    const t = performance.now()
    await op()
    samples.push(performance.now() - t)
  }
  const seconds = (performance.now() - started) / 1000
  samples.sort((a, b) => a - b)
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]
  return { ops: samples.length, seconds, perSecond: samples.length / seconds, p50: at(0.5), p99: at(0.99) }
}

/** One table row: a negative width left-aligns (labels), a positive one right-aligns (numbers). */
export function formatRow(cells: Array<string | number>, widths: number[]): string {
  return cells
    .map((c, i) => {
      const w = widths[i] ?? 10
      return w < 0 ? String(c).padEnd(-w) : String(c).padStart(w)
    })
    .join('  ')
}
