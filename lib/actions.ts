import type { JwtPayload } from '@supabase/supabase-js'
import { unstable_rethrow } from 'next/navigation'
import type { z } from 'zod'
import { type Fail, failWith, fromZod, type Result } from '@/lib/errors'
import { createClient } from '@/lib/supabase/server'

/**
 * The one way to write a server action: parse the input with the same zod schema the form uses,
 * require a signed-in person (identity from getClaims(), never getSession()), run, answer a Result.
 * Field errors reach the field: zod's per-field messages, and the database's (the `field` of the
 * error's hint, docs/errors.md) through dbFail() with the form's field-name map.
 */
export type ServerClient = Awaited<ReturnType<typeof createClient>>

export interface ActionContext {
  supabase: ServerClient
  userId: string
  claims: JwtPayload
}

type Parsed<T> = { ok: true; data: T } | Fail

/** zod → Result: the first message of every invalid field, under the field's name. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const parsed = schema.safeParse(input)
  return parsed.success ? { ok: true, data: parsed.data } : fromZod(parsed.error, { keys: 'field' })
}

async function guarded<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run()
  } catch (error) {
    unstable_rethrow(error) // redirect(), notFound() and Next's own control flow pass through
    console.error('[action]', error)
    return failWith('INTERNAL', 'Something went wrong on our side. Nothing was changed; try again.')
  }
}

/** An action for signed-in people. */
export function action<S extends z.ZodType, T>(
  schema: S,
  run: (input: z.output<S>, ctx: ActionContext) => Promise<Result<T>>,
): (input: z.input<S>) => Promise<Result<T>> {
  return async (input) => {
    const parsed = parseInput(schema, input)
    if (!parsed.ok) return parsed
    return guarded(async () => {
      const supabase = await createClient()
      const { data, error } = await supabase.auth.getClaims()
      if (error || !data?.claims) return failWith('NOT_SIGNED_IN', 'Your session has ended. Sign in again.')
      return run(parsed.data, { supabase, userId: data.claims.sub, claims: data.claims })
    })
  }
}

/** An action anyone may call: signing in, and a station tablet between PIN-ins (it proves itself with its secret). */
export function publicAction<S extends z.ZodType, T>(
  schema: S,
  run: (input: z.output<S>) => Promise<Result<T>>,
): (input: z.input<S>) => Promise<Result<T>> {
  return async (input) => {
    const parsed = parseInput(schema, input)
    if (!parsed.ok) return parsed
    return guarded(() => run(parsed.data))
  }
}

export { dbFail } from '@/lib/errors'
