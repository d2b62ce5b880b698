import { z } from 'zod'

/**
 * The one place an RPC's `jsonb` answer becomes a typed value: parsed with a zod schema at the
 * boundary, so a changed answer fails here, loudly and once, instead of somewhere downstream. A
 * mismatch throws (an action answers INTERNAL, a route 500, a page its error boundary) and logs
 * the issues: it is a bug between the SQL and the TypeScript, never the user's doing.
 */
export function parseRpc<S extends z.ZodType>(schema: S, data: unknown, what = 'rpc'): z.output<S> {
  const parsed = schema.safeParse(data)
  if (parsed.success) return parsed.data
  console.error(`[${what}] unexpected answer`, parsed.error.issues.slice(0, 5))
  throw new Error(`${what}: the database answered an unexpected shape`)
}

/** For pages: an RPC's failure throws (the error boundary shows it), its answer is parsed once. */
export function expectRpc<S extends z.ZodType>(
  schema: S,
  { data, error }: { data: unknown; error: { message: string } | null },
  what: string,
): z.output<S> {
  if (error) throw new Error(`${what}: ${error.message}`)
  return parseRpc(schema, data, what)
}

/**
 * The envelope of a jsonb answer documented elsewhere (lib/floor/types.ts, docs/floor.md): checked
 * to be an object / an array here, its fields trusted as the SQL writes them. For answers whose
 * fields the TypeScript reads in logic, write the zod schema out instead.
 */
export const jsonObject = <T extends object>() =>
  z.custom<T>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'expected a JSON object')
export const jsonArray = <T>() => z.custom<T[]>((v) => Array.isArray(v), 'expected a JSON array')
