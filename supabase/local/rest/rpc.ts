/**
 * /rpc/fn: the call with every named argument converted by json_to_record, and the result shaped
 * like a read (select, filters, order, limit and singular objects apply to set-returning functions).
 */
import type { RestRequest } from './context'
import { baseHeaders, findTable, readPayload, reply, rootAlias, withFreshCache } from './context'
import { notImplemented, RestError } from './errors'
import { contentRange, execute, maxAffectedCheck, type StatementRow, singularCheck } from './execute'
import { fromQi, ident, qiKey } from './ident'
import { buildReadPlan, MAX_ROWS } from './plan'
import { answerRead, readRange, selectStatement } from './read'
import { parseQuery, type Range, shouldCount } from './request'
import { isJsonType, isObject, resolveRoutine } from './rpc-resolve'
import {
  type Routine,
  type RoutineParam,
  routineParams,
  routineReturnsComposite,
  routineReturnsVoid,
} from './schema-cache'
import { Sql } from './sql-read'

const OPERATOR_PREFIX =
  /^(not|eq|neq|gt|gte|lt|lte|like|ilike|match|imatch|in|is|isdistinct|cs|cd|ov|sl|sr|nxr|nxl|adj|fts|plfts|phfts|wfts)[.(]/
const RESERVED = new Set(['select', 'order', 'limit', 'offset', 'columns', 'on_conflict', 'or', 'and'])

type CallArgs = { kind: 'named'; values: Record<string, unknown>; text: string } | { kind: 'single'; raw: string }

interface Resolved {
  routine: Routine
  params: RoutineParam[]
  args: CallArgs
}

/** The call expression and the FROM items it needs. */
function callSql(sql: Sql, res: Resolved): { call: string; from: string } {
  const fn = fromQi(res.routine)
  if (res.args.kind === 'single') {
    return { call: `${fn}(${sql.p(res.args.raw)}::${res.params[0].type})`, from: '' }
  }
  const args = res.args
  const given = res.params.filter((p) => p.name in args.values)
  if (!given.length) return { call: `${fn}()`, from: '' }
  const record = given.map((p) => `${ident(p.name)} ${p.type}`).join(', ')
  const named = given
    .map((p) => `${p.variadic ? 'VARIADIC ' : ''}${ident(p.name)} := pgrst_args.${ident(p.name)}`)
    .join(', ')
  return {
    call: `${fn}(${named})`,
    from: ` FROM json_to_record(${sql.p(args.text)}::json) AS pgrst_args(${record})`,
  }
}

interface RpcInput {
  values: Record<string, unknown>
  body?: { text: string; value: unknown }
  /** the named arguments as JSON text (the body as sent, or GET parameters) */
  argsText: string
  /** query keys taken as arguments (GET), left out of the filters */
  argKeys: Set<string>
}

async function readInput(r: RestRequest): Promise<RpcInput> {
  if (r.method === 'POST') {
    const body = await readPayload(r.req)
    const values = body && isObject(body.value) ? body.value : {}
    return { values, body, argsText: body && isObject(body.value) ? body.text : '{}', argKeys: new Set() }
  }
  // GET/HEAD: parameters whose value does not start with an operator are arguments
  const seen = new Map<string, string[]>()
  for (const [k, v] of r.url.searchParams) {
    if (RESERVED.has(k) || k.includes('.') || OPERATOR_PREFIX.test(v)) continue
    seen.set(k, [...(seen.get(k) ?? []), v])
  }
  const values: Record<string, unknown> = {}
  for (const [k, vs] of seen) values[k] = vs.length === 1 ? vs[0] : vs
  return { values, argsText: JSON.stringify(values), argKeys: new Set(seen.keys()) }
}

export async function handleRpc(r: RestRequest, name: string): Promise<void> {
  const input = await readInput(r)
  const q = parseQuery(r.url.searchParams, input.argKeys)
  const range = readRange(r, q)

  const { res, root } = await withFreshCache(r, (snap) => {
    // (PostgREST 13 dropped `Prefer: params=single-object`: it is an unknown preference now)
    const routine = resolveRoutine(snap, r.schema, name, Object.keys(input.values), {
      isPost: r.method === 'POST',
      body: input.body,
    })
    const params = routineParams(routine)
    const single = params.length === 1 && params[0].name === '' && isJsonType(params[0].type)
    if (!single && params.some((p) => p.name === '')) {
      throw notImplemented('functions with unnamed parameters (other than a single json/jsonb one)')
    }
    const args: CallArgs = single
      ? { kind: 'single', raw: input.body?.text ?? '{}' }
      : { kind: 'named', values: input.values, text: input.argsText }
    const relQi =
      routine.returnRelSchema && routine.returnRelName
        ? { schema: routine.returnRelSchema, name: routine.returnRelName }
        : undefined
    const table = relQi && snap.tables.has(qiKey(relQi)) ? findTable(snap, relQi) : undefined
    const shaped = q.select.some((i) => i.kind !== 'star') || q.filters.length || q.logic.length || q.order.length
    if (!routineReturnsComposite(routine) && shaped) {
      throw notImplemented('select/filters/order on a function that returns scalar values')
    }
    const root = buildReadPlan(snap, r.schema, table ? relQi : undefined, table, q, { top: range, maxRows: MAX_ROWS })
    return { res: { routine, params, args } as Resolved, root }
  })

  const strictMax = r.prefs.handling === 'strict' ? r.prefs.maxAffected : undefined
  if (strictMax !== undefined && !res.routine.setof) {
    throw new RestError(
      400,
      'PGRST128',
      'Function must return SETOF or TABLE when max-affected preference is used with handling=strict',
    )
  }
  const sql = new Sql()
  const call = callSql(sql, res)
  // GET is always read-only; POST only writes when the function is volatile
  const readOnly = r.method !== 'POST' || res.routine.volatility !== 'v'
  const ex = {
    db: r.db,
    auth: r.auth,
    req: r.req,
    schema: r.schema,
    prefs: r.prefs,
    readOnly,
    // PostgREST 13+: more result rows than max-affected rolls the call back (PGRST124)
    check: strictMax === undefined ? undefined : (row: StatementRow) => maxAffectedCheck(strictMax, row),
  }
  const count = shouldCount(r.prefs)
  // one value (or none): the range is always 0-0, counted as 1 when asked
  const singleRange = () => contentRange(0, 0, count ? 1 : undefined)

  if (routineReturnsVoid(res.routine)) {
    const text = `WITH pgrst_call AS (SELECT ${call.call}${call.from}) SELECT (SELECT count(*) FROM pgrst_call)::text AS page_total, NULL AS total, NULL AS body`
    await execute(ex, text, sql.params)
    return reply(r, 204, null, { 'content-range': singleRange(), ...baseHeaders(r, false, 'rpc') })
  }
  if (routineReturnsComposite(res.routine)) {
    const from = call.from ? `${call.from.slice(' FROM '.length)}, LATERAL ` : ''
    const callCte = `pgrst_call AS (SELECT pgrst_fn.* FROM ${from}${call.call} AS pgrst_fn)`
    // a single composite value is an object, whatever Accept asked
    const media = !res.routine.setof && r.media.kind === 'json' ? { ...r.media, kind: 'object' as const } : r.media
    const text = selectStatement(sql, root, rootAlias(name), r, { source: 'pgrst_call', ctes: [callCte], count, media })
    const row = await execute(ex, text, sql.params)
    if (res.routine.setof) return answerRead(r, range, row, 'rpc')
    if (r.media.kind === 'object') singularCheck(Number(row.page_total))
    return reply(r, 200, row.body ?? 'null', { 'content-range': singleRange(), ...baseHeaders(r, true, 'rpc') })
  }
  // scalar or setof scalar: the values themselves
  const row = await execute(ex, scalarStatement(sql, r, res.routine.setof, call, root.range), sql.params)
  if (res.routine.setof) return answerRead(r, range, row, 'rpc')
  return reply(r, 200, row.body ?? 'null', { 'content-range': singleRange(), ...baseHeaders(r, true, 'rpc') })
}

function scalarStatement(
  sql: Sql,
  r: RestRequest,
  setof: boolean,
  call: { call: string; from: string },
  range: Range,
): string {
  let paged = 'SELECT pgrst_scalar FROM pgrst_call'
  if (setof && range.limit !== undefined) paged += ` LIMIT ${sql.p(range.limit)}::bigint`
  if (setof && range.offset) paged += ` OFFSET ${sql.p(range.offset)}::bigint`
  const body =
    setof && r.media.kind !== 'object'
      ? `(SELECT coalesce(json_agg(pgrst_scalar), '[]')::text FROM pgrst_source)`
      : `(SELECT coalesce((json_agg(pgrst_scalar) -> 0)::text, 'null') FROM pgrst_source)`
  const total = shouldCount(r.prefs) ? '(SELECT count(*) FROM pgrst_call)::text' : 'NULL'
  return `WITH pgrst_call AS (SELECT ${call.call} AS pgrst_scalar${call.from}), pgrst_source AS (${paged}) SELECT ${total} AS total, (SELECT count(*) FROM pgrst_source)::text AS page_total, ${r.method === 'HEAD' ? 'NULL' : body} AS body`
}
