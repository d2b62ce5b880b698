import type { Tx } from '../db/types'
import { isPgError } from '../db/types'
import { AuthError, internalError } from './errors'

const HOOK = 'public.custom_access_token_hook'
const HOOK_URI = 'pg-functions://postgres/public/custom_access_token_hook'

export interface HookInput {
  user_id: string
  claims: Record<string, unknown>
  authentication_method: string
}

/**
 * Supabase's Custom Access Token Hook, enabled whenever `public.custom_access_token_hook(jsonb)`
 * exists (Floorline's config.toml names exactly that function). Like GoTrue's pg-functions
 * dispatcher it runs inside the token's transaction, as supabase_auth_admin, under a 2 s
 * statement_timeout; so a hook that needs to read app tables needs the same grants/policies for
 * supabase_auth_admin that hosted Supabase needs. Returns the claims to sign.
 */
export async function customizeClaims(
  tx: Tx,
  input: HookInput,
  log: (m: string) => void,
): Promise<Record<string, unknown>> {
  const found = await tx.query<{ ok: string }>(`select (to_regprocedure('${HOOK}(jsonb)') is not null)::text as ok`)
  if (found.rows[0]?.ok !== 'true') return input.claims

  const prev = await tx.query<{ t: string }>(`select current_setting('statement_timeout') as t`)
  await tx.query(`select set_config('role', 'supabase_auth_admin', true), set_config('statement_timeout', '2s', true)`)
  let raw: string | null
  try {
    const r = await tx.query<{ out: string | null }>(`select ${HOOK}($1::jsonb)::text as out`, [JSON.stringify(input)])
    raw = r.rows[0]?.out ?? null
  } catch (e) {
    // the transaction is aborted now; the caller's rollback undoes the session being issued
    log(`auth: ${HOOK} failed: ${isPgError(e) ? `${e.code} ${e.message}` : (e as Error).message}`)
    throw internalError(`Error running hook URI: ${HOOK_URI}`)
  }
  await tx.query(`select set_config('role', 'none', true), set_config('statement_timeout', $1, true)`, [prev.rows[0].t])
  return readHookOutput(raw)
}

/** GoTrue's CustomAccessTokenOutput handling: `error` wins, then `claims` must pass the schema. */
function readHookOutput(raw: string | null): Record<string, unknown> {
  let out: unknown
  try {
    out = raw === null ? null : JSON.parse(raw)
  } catch {
    out = undefined
  }
  if (!isObject(out)) throw internalError('Error unmarshalling JSON output.')
  if (isObject(out.error)) {
    const status = Number(out.error.http_code) || 500
    const message = typeof out.error.message === 'string' ? out.error.message : 'Hook returned an error'
    throw new AuthError(status >= 400 && status < 600 ? status : 500, undefined, message)
  }
  if (!('claims' in out)) throw internalError('output claims field is missing')
  if (!isObject(out.claims)) throw internalError('Error unmarshalling JSON output.')
  const problems = schemaProblems(out.claims)
  if (problems.length > 0) {
    throw internalError(
      `output claims do not conform to the expected schema: \n${problems.map((p) => `- ${p}\n`).join('')}`,
    )
  }
  return out.claims
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

type JsonType = 'string' | 'integer' | 'object' | 'array'
const PROPS: Record<string, JsonType[]> = {
  aud: ['string', 'array'],
  exp: ['integer'],
  jti: ['string'],
  iat: ['integer'],
  iss: ['string'],
  nbf: ['integer'],
  sub: ['string'],
  email: ['string'],
  phone: ['string'],
  app_metadata: ['object'],
  user_metadata: ['object'],
  role: ['string'],
  aal: ['string'],
  amr: ['array'],
  session_id: ['string'],
  client_id: ['string'],
}
const REQUIRED = ['aud', 'exp', 'iat', 'sub', 'email', 'phone', 'role', 'aal', 'session_id', 'is_anonymous']

const typeOf = (v: unknown): string =>
  Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : v === null ? 'null' : typeof v

/** GoTrue's MinimumViableTokenSchema, checked by hand (messages in gojsonschema's style). */
function schemaProblems(claims: Record<string, unknown>): string[] {
  const out: string[] = []
  for (const k of REQUIRED) if (!(k in claims)) out.push(`(root): ${k} is required`)
  for (const [k, types] of Object.entries(PROPS)) {
    if (!(k in claims)) continue
    const t = typeOf(claims[k])
    if (!types.includes(t as JsonType)) out.push(`${k}: Invalid type. Expected: ${types.join(', ')}, given: ${t}`)
  }
  if (Array.isArray(claims.amr)) {
    claims.amr.forEach((e, i) => {
      if (typeof e !== 'string' && !isObject(e)) out.push(`amr.${i}: Must validate at least one schema (anyOf)`)
    })
  }
  return out
}
