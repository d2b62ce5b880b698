import { z } from 'zod'

/**
 * Is this JSON storable? The one place that decides (every /api/disco schema goes through
 * `storable`). Postgres refuses U+0000 in text and jsonb (22P05 / 22021), and a lone UTF-16
 * surrogate cannot be encoded as UTF-8 (jsonb refuses the escape; a text parameter would silently
 * become U+FFFD). Either, anywhere in a request — a field, a key, deep inside free-form `data` or
 * `device_info` — would otherwise fail the whole database call, so it is refused up front with
 * INVALID_TEXT and the path of the field.
 */
export const INVALID_TEXT = 'INVALID_TEXT'

/** How deep a request's JSON may nest (absurd nesting is refused like bad text, before any walk overflows). */
export const MAX_DEPTH = 32

export type TextProblem = 'nul' | 'lone_surrogate' | 'too_deep'

export interface Unstorable {
  path: Array<string | number>
  problem: TextProblem
  message: string
}

// a high surrogate not followed by a low one, or a low one not preceded by a high one
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** What is wrong with a string, or null when Postgres can store it. */
export function textProblem(s: string): TextProblem | null {
  if (s.includes('\u0000')) return 'nul'
  if (LONE_SURROGATE.test(s)) return 'lone_surrogate'
  return null
}

const MESSAGES: Record<TextProblem, string> = {
  nul: 'Contains a NUL character (U+0000), which cannot be stored',
  lone_surrogate: 'Contains a broken character (an unpaired UTF-16 surrogate), which cannot be stored',
  too_deep: `Nested more than ${MAX_DEPTH} levels deep`,
}

/** The first string (value or key) in `value` that cannot be stored, with its path; null when all can. */
export function findUnstorable(value: unknown, path: Array<string | number> = []): Unstorable | null {
  const problem = (p: TextProblem, at: Array<string | number>): Unstorable => ({
    path: at,
    problem: p,
    message: MESSAGES[p],
  })
  if (typeof value === 'string') {
    const p = textProblem(value)
    return p ? problem(p, path) : null
  }
  if (value === null || typeof value !== 'object') return null
  if (path.length >= MAX_DEPTH) return problem('too_deep', path)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findUnstorable(value[i], [...path, i])
      if (bad) return bad
    }
    return null
  }
  for (const [k, v] of Object.entries(value)) {
    const key = textProblem(k)
    if (key) return problem(key, [...path, k])
    const bad = findUnstorable(v, [...path, k])
    if (bad) return bad
  }
  return null
}

/** Adds the INVALID_TEXT issue for `value` to a zod context (what `storable` runs first). */
export function checkStorable(value: unknown, ctx: z.RefinementCtx): void {
  const bad = findUnstorable(value)
  if (bad) ctx.addIssue({ code: 'custom', message: bad.message, path: bad.path, params: { code: INVALID_TEXT } })
}

/**
 * A request schema that first refuses unstorable text anywhere in the input (INVALID_TEXT at its
 * path), then parses with `schema`.
 */
export function storable<S extends z.ZodType>(schema: S) {
  return z.unknown().superRefine(checkStorable).pipe(schema)
}

/** True when a zod error is (also) about unstorable text. */
export function isInvalidText(error: z.ZodError): boolean {
  return error.issues.some(
    (i) => i.code === 'custom' && (i as { params?: { code?: unknown } }).params?.code === INVALID_TEXT,
  )
}
