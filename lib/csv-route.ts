import type { z } from 'zod'
import { type CsvColumn, csvResponse, toCsv } from '@/lib/csv'
import { type Answer, answer, type RouteContext, type RouteOptions, route } from '@/lib/route'

export interface CsvRouteOptions<S extends z.ZodType, R> extends Omit<RouteOptions<S>, 'run'> {
  columns: readonly CsvColumn<R>[]
  /** The download's name (made safe by csvFilename), from the parsed input: "performance-2026-12". */
  filename: (input: z.output<S>) => string
  /** Reads the rows (an array) as an ordinary route run: RLS and the RPCs decide who sees what. */
  run: (input: z.output<S>, ctx: RouteContext) => Promise<Answer>
}

/**
 * A CSV download through the one route wrapper (lib/route.ts): the same input parsing, auth, timeout
 * and error answers (a failure stays JSON `{ code, message }` with its status, so a script sees why);
 * only a success is sent as a CSV file instead of JSON. Session cookies the route refreshed travel on.
 */
export function csvRoute<S extends z.ZodType, R>(opts: CsvRouteOptions<S, R>) {
  const files = new WeakMap<Request, { csv: string; filename: string }>()
  const handler = route<S>({
    ...opts,
    run: async (input, ctx) => {
      const result = await opts.run(input, ctx)
      if (!result.ok) return result
      const rows = Array.isArray(result.data) ? (result.data as R[]) : []
      files.set(ctx.request, { csv: toCsv(opts.columns, rows), filename: opts.filename(input) })
      return answer(null)
    },
  })
  return async (request: Request, context?: Parameters<typeof handler>[1]): Promise<Response> => {
    const response = await handler(request, context)
    const file = files.get(request)
    if (!response.ok || !file) return response
    const out = csvResponse(file.csv, file.filename)
    for (const c of response.headers.getSetCookie()) out.headers.append('set-cookie', c)
    return out
  }
}
