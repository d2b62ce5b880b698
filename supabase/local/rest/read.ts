/** GET / HEAD on a table or view. */
import { type AnswerKind, baseHeaders, findTable, type RestRequest, reply, rootAlias, withFreshCache } from './context'
import { RestError } from './errors'
import { contentRange, execute, rangeStatus, singularCheck } from './execute'
import type { QI } from './ident'
import { buildReadPlan, MAX_ROWS, type ReadNode } from './plan'
import { type Media, parseQuery, type Range, topRange } from './request'
import { bodySql, hasLegacyCount, nodeSql, Sql } from './sql-read'

/**
 * The statement shared by reads and RPC results: `source` is the root FROM item, the body is
 * built by json_agg, and the exact count (when asked) runs over the same FROM/WHERE unpaged.
 */
/** The unpaged query whose rows are counted (PostgREST's readPlanToCountQuery). */
export function countQuery(sql: Sql, root: ReadNode, alias: string, source?: string): string {
  // counting groups (legacy `count`) needs the real select list; otherwise `1` is enough
  const countList = hasLegacyCount(root) ? undefined : '1'
  return nodeSql(sql, root, alias, { source, selectList: countList, unpaged: true })
}

/** `count=estimated` is exact up to db-max-rows, then the planner's estimate (PostgREST's rule). */
export const ESTIMATE_THRESHOLD = MAX_ROWS

export function selectStatement(
  sql: Sql,
  root: ReadNode,
  alias: string,
  r: RestRequest,
  opts: { source?: string; ctes?: string[]; count: boolean; media?: Media; countLimit?: number },
): string {
  const page = nodeSql(sql, root, alias, { source: opts.source })
  const limited = opts.countLimit === undefined ? '' : ` LIMIT ${sql.p(opts.countLimit)}::bigint`
  const total = opts.count
    ? `(SELECT count(*) FROM (${countQuery(sql, root, alias, opts.source)}${limited}) AS pgrst_c)::text`
    : 'NULL'
  const body = r.method === 'HEAD' ? 'NULL' : bodySql(opts.media ?? r.media, 'pgrst_source')
  const ctes = [...(opts.ctes ?? []), `pgrst_source AS (${page})`]
  return `WITH ${ctes.join(', ')} SELECT ${total} AS total, (SELECT count(*) FROM pgrst_source)::text AS page_total, ${body} AS body`
}

export function readRange(r: RestRequest, q: { ranges: { path: string[]; limit?: number; offset?: number }[] }): Range {
  const top = q.ranges.find((x) => x.path.length === 0)
  const header = r.method === 'GET' || r.method === 'HEAD' ? r.req.headers.range : undefined
  return topRange(typeof header === 'string' ? header : undefined, top?.limit, top?.offset)
}

/** Status, Content-Range and body of a read-like answer (tables, views, set-returning RPC). */
export function answerRead(
  r: RestRequest,
  range: Range,
  row: { total: string | null; page_total: string; body: string | null },
  kind: AnswerKind = 'read',
  total: number | undefined = row.total === null ? undefined : Number(row.total),
) {
  const pageTotal = Number(row.page_total)
  const status = rangeStatus(range.offset, pageTotal, total)
  const headers = {
    ...baseHeaders(r, true, kind),
    'content-range': contentRange(range.offset, range.offset + pageTotal - 1, total),
  }
  if (status === 416) {
    throw new RestError(
      416,
      'PGRST103',
      'Requested range not satisfiable',
      `An offset of ${range.offset} was requested, but there are only ${total} rows.`,
      null,
      { 'content-range': headers['content-range'] },
    )
  }
  if (r.media.kind === 'object') singularCheck(pageTotal)
  reply(r, status, row.body ?? (r.media.kind === 'csv' ? '' : '[]'), headers)
}

export async function handleRead(r: RestRequest, name: string): Promise<void> {
  const q = parseQuery(r.url.searchParams)
  const range = readRange(r, q)
  const qi: QI = { schema: r.schema, name }
  const { root } = await withFreshCache(r, (snap) => {
    const table = findTable(snap, qi)
    return { root: buildReadPlan(snap, r.schema, qi, table, q, { top: range, maxRows: MAX_ROWS }) }
  })
  const sql = new Sql()
  const count = r.prefs.count
  // estimated: exact up to the threshold (one row more tells it was passed), then the planner's
  const text = selectStatement(sql, root, rootAlias(name), r, {
    count: count === 'exact' || count === 'estimated',
    countLimit: count === 'estimated' ? ESTIMATE_THRESHOLD + 1 : undefined,
  })
  let explain: { text: string; params: unknown[] } | undefined
  if (count === 'planned' || count === 'estimated') {
    const esql = new Sql()
    explain = { text: countQuery(esql, root, rootAlias(name)), params: esql.params }
  }
  const row = await execute(
    { db: r.db, auth: r.auth, req: r.req, schema: r.schema, prefs: r.prefs, readOnly: true, explain },
    text,
    sql.params,
  )
  const exact = row.total === null ? undefined : Number(row.total)
  let total = exact
  if (count === 'planned') total = row.planned
  else if (count === 'estimated' && exact !== undefined && exact > ESTIMATE_THRESHOLD) {
    total = row.planned === undefined ? undefined : Math.max(exact, row.planned)
  }
  answerRead(r, range, row, 'read', total)
}
