/**
 * SQL for a read plan. Every value is a bind parameter and every identifier is quoted; embeds are
 * LEFT JOIN LATERAL subqueries that aggregate the related rows into JSON, so the response body is
 * built by Postgres (json_agg) exactly as PostgREST builds it.
 */
import type { Field, Filter, LogicTree, OrderTerm } from './ast'
import { FTS_OPS, SIMPLE_OPS } from './ast'
import { fromQi, ident } from './ident'
import { type EmbedNode, embedsOf, type NodeItem, type ReadNode } from './plan'
import { isToOne, type Relationship } from './relationships'
import type { Media } from './request'

export class Sql {
  readonly params: unknown[] = []
  private n = 0
  /** a bind parameter for a value */
  p(v: unknown): string {
    this.params.push(v)
    return `$${this.params.length}`
  }
  /** a fresh alias */
  alias(prefix: string): string {
    return ident(`pgrst_${prefix}_${++this.n}`)
  }
}

/** Postgres array literal `{"a","b\"c"}` for `in.(…)` and `(any)` lists. */
export function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`
}

function isJsonColumn(node: ReadNode, name: string): boolean {
  const col = node.table?.columns.find((c) => c.name === name)
  return col !== undefined && (col.baseType === 'json' || col.baseType === 'jsonb')
}

/** `"t"."col"`, or with a json path `to_jsonb("t"."col")->'a'->>'b'` (arrays and composites too). */
export function fieldExpr(sql: Sql, node: ReadNode, alias: string, f: Field): string {
  const col = `${alias}.${ident(f.name)}`
  if (!f.jsonPath.length) return col
  let e = isJsonColumn(node, f.name) ? col : `to_jsonb(${col})`
  for (const op of f.jsonPath) {
    e = `${e}${op.arrow}${op.index ? `${sql.p(Number(op.key))}::int` : `${sql.p(op.key)}::text`}`
  }
  return `(${e})`
}

/** The JSON key a select field gets: alias, else the last json path key, else the column. */
export function fieldKey(f: Field, alias?: string): string {
  if (alias) return alias
  const last = f.jsonPath[f.jsonPath.length - 1]
  return last && !last.index ? last.key : f.name
}

interface Scope {
  node: ReadNode
  alias: string
  /** lateral alias of each embed of this node */
  laterals: Map<EmbedNode, string>
}

function embedFor(scope: Scope, name: string): EmbedNode | undefined {
  return embedsOf(scope.node).find((e) => e.name === name || e.key === name)
}

function filterSql(sql: Sql, scope: Scope, f: Filter): string {
  let e: string
  const embed = f.field.jsonPath.length ? undefined : embedFor(scope, f.field.name)
  if (embed) {
    // null-embed filter: `rel=is.null` / `rel=not.is.null` on whether the embed found rows
    e = `${scope.laterals.get(embed)}.pgrst_v IS NULL`
  } else {
    const col = fieldExpr(sql, scope.node, scope.alias, f.field)
    const x = f.expr
    switch (x.kind) {
      case 'simple': {
        const v = x.op === 'like' || x.op === 'ilike' ? x.value.replace(/\*/g, '%') : x.value
        e = x.quant
          ? `${col} ${SIMPLE_OPS[x.op]} ${x.quant.toUpperCase()}(${sql.p(v)})`
          : `${col} ${SIMPLE_OPS[x.op]} ${sql.p(v)}`
        break
      }
      case 'in':
        e = `${col} = ANY(${sql.p(arrayLiteral(x.values))})`
        break
      case 'is':
        e = `${col} IS ${x.value === 'not_null' ? 'NOT NULL' : x.value.toUpperCase()}`
        break
      case 'isdistinct':
        e = `${col} IS DISTINCT FROM ${sql.p(x.value)}`
        break
      case 'fts': {
        const lang = x.language ? `${sql.p(x.language)}::regconfig, ` : ''
        // PostgREST 13+: a known column that is not a tsvector gets to_tsvector() with the same config
        const column = scope.node.table?.columns.find((c) => c.name === f.field.name)
        const doc = column && column.baseType !== 'tsvector' ? `to_tsvector(${lang}${col})` : col
        e = `${doc} @@ ${FTS_OPS[x.op]}(${lang}${sql.p(x.value)})`
        break
      }
    }
  }
  return f.negated ? `NOT (${e})` : `(${e})`
}

function treeSql(sql: Sql, scope: Scope, t: LogicTree): string {
  if (t.kind === 'filter') return filterSql(sql, scope, t.filter)
  const inner = t.children.map((c) => treeSql(sql, scope, c)).join(t.op === 'and' ? ' AND ' : ' OR ')
  const e = `(${inner || (t.op === 'and' ? 'TRUE' : 'FALSE')})`
  return t.negated ? `NOT ${e}` : e
}

/** Join of an embedded relation (alias `child`) to its parent row (alias `parent`). */
export function joinConditions(rel: Relationship, parent: string, child: string, sql: Sql): string[] {
  if (rel.cardinality === 'M2M' && rel.junction) {
    const j = rel.junction
    const ja = sql.alias('j')
    const conds = [
      ...j.targetCols.map(([tc, jc]) => `${ja}.${ident(jc)} = ${child}.${ident(tc)}`),
      ...j.sourceCols.map(([oc, jc]) => `${ja}.${ident(jc)} = ${parent}.${ident(oc)}`),
    ]
    return [`EXISTS (SELECT 1 FROM ${fromQi(j.table)} AS ${ja} WHERE ${conds.join(' AND ')})`]
  }
  return rel.columns.map(([oc, tc]) => `${child}.${ident(tc)} = ${parent}.${ident(oc)}`)
}

function orderSql(sql: Sql, scope: Scope, terms: OrderTerm[]): string {
  return terms
    .map((t) => {
      let e: string
      if (t.relation) {
        const embed = embedFor(scope, t.relation) as EmbedNode
        const a = sql.alias('o')
        const conds = joinConditions(embed.rel, scope.alias, a, sql)
        e = `(SELECT ${fieldExpr(sql, embed.node, a, t.field)} FROM ${fromQi(embed.rel.foreignTable)} AS ${a} WHERE ${conds.join(' AND ')} LIMIT 1)`
      } else {
        e = fieldExpr(sql, scope.node, scope.alias, t.field)
      }
      return `${e}${t.direction ? ` ${t.direction.toUpperCase()}` : ''}${t.nulls ? ` NULLS ${t.nulls.toUpperCase()}` : ''}`
    })
    .join(', ')
}

/** Output keys a node produces (for spreading an embed into its parent). */
function outputKeys(node: ReadNode): string[] {
  return node.items.flatMap((i) => {
    if (i.kind === 'star') return node.table ? node.table.columns.map((c) => c.name) : []
    if (i.kind === 'column') return [fieldKey(i.field, i.alias)]
    if (i.embed.hidden) return []
    return i.embed.spread ? outputKeys(i.embed.node) : [i.embed.key]
  })
}

/** A node's own filters as WHERE conditions (mutations: no embeds in scope). */
export function whereSql(sql: Sql, node: ReadNode, alias: string): string[] {
  const scope: Scope = { node, alias, laterals: new Map() }
  return node.where.map((t) => treeSql(sql, scope, t))
}

/**
 * `select=count` / `rel(count)` without parentheses: PostgREST's legacy row count, still accepted
 * while aggregate functions are disabled (unless the relation has a column named count).
 */
function isLegacyCount(node: ReadNode, i: NodeItem): boolean {
  return (
    i.kind === 'column' &&
    i.field.name === 'count' &&
    !i.field.jsonPath.length &&
    !i.cast &&
    node.table !== undefined &&
    !node.table.columns.some((c) => c.name === 'count')
  )
}

export const hasLegacyCount = (node: ReadNode) => node.items.some((i) => isLegacyCount(node, i))

export interface NodeSqlOptions {
  /** the FROM item; defaults to the node's table */
  source?: string
  /** extra WHERE conditions (join to the parent) */
  conditions?: string[]
  /** select list override (counting) */
  selectList?: string
  /** leave out ORDER/LIMIT/OFFSET (counting) */
  unpaged?: boolean
}

/** `SELECT … FROM … LEFT JOIN LATERAL … WHERE … ORDER BY … LIMIT … OFFSET …` for one node. */
export function nodeSql(sql: Sql, node: ReadNode, alias: string, opts: NodeSqlOptions = {}): string {
  const scope: Scope = { node, alias, laterals: new Map() }
  const joins: string[] = []
  const where = [...(opts.conditions ?? [])]
  for (const e of embedsOf(node)) {
    const lat = sql.alias('e')
    scope.laterals.set(e, lat)
    const childAlias = sql.alias('t')
    const x = sql.alias('x')
    const child = nodeSql(sql, e.node, childAlias, {
      source: fromQi(e.rel.foreignTable),
      conditions: joinConditions(e.rel, alias, childAlias, sql),
    })
    const agg = isToOne(e.rel) ? `json_agg(${x}) -> 0` : `json_agg(${x})`
    joins.push(`LEFT JOIN LATERAL (SELECT ${agg} AS pgrst_v FROM (${child}) AS ${x}) AS ${lat} ON TRUE`)
    if (e.inner) where.push(`${lat}.pgrst_v IS NOT NULL`)
  }
  for (const t of node.where) where.push(treeSql(sql, scope, t))

  let select = opts.selectList
  const grouped: number[] = []
  const counting = hasLegacyCount(node)
  if (select === undefined) {
    const cols: string[] = []
    for (const i of node.items) {
      if (i.kind === 'star') cols.push(`${alias}.*`)
      else if (i.kind === 'column' && isLegacyCount(node, i)) cols.push(`count(*) AS ${ident(i.alias ?? 'count')}`)
      else if (i.kind === 'column') {
        if (counting) grouped.push(cols.length + 1)
        const e = fieldExpr(sql, node, alias, i.field)
        cols.push(`${i.cast ? `CAST(${e} AS ${i.cast})` : e} AS ${ident(fieldKey(i.field, i.alias))}`)
      } else if (!i.embed.hidden) {
        const lat = scope.laterals.get(i.embed) as string
        if (i.embed.spread && isToOne(i.embed.rel)) {
          for (const k of outputKeys(i.embed.node)) cols.push(`${lat}.pgrst_v -> ${sql.p(k)}::text AS ${ident(k)}`)
        } else if (i.embed.spread) {
          // PostgREST 13+: each column of a to-many spread is an array over the related rows, in their order
          for (const k of outputKeys(i.embed.node)) {
            const el = sql.alias('s')
            cols.push(
              `(SELECT COALESCE(json_agg(${el}.v -> ${sql.p(k)}::text ORDER BY ${el}.i), '[]'::json) FROM json_array_elements(${lat}.pgrst_v) WITH ORDINALITY AS ${el}(v, i)) AS ${ident(k)}`,
            )
          }
        } else if (isToOne(i.embed.rel)) cols.push(`${lat}.pgrst_v AS ${ident(i.embed.key)}`)
        else cols.push(`COALESCE(${lat}.pgrst_v, '[]'::json) AS ${ident(i.embed.key)}`)
      }
    }
    select = cols.join(', ')
  }

  let out = `SELECT ${select} FROM ${opts.source ?? fromQi(node.qi as { schema: string; name: string })} AS ${alias}`
  if (joins.length) out += ` ${joins.join(' ')}`
  if (where.length) out += ` WHERE ${where.join(' AND ')}`
  if (opts.selectList === undefined && grouped.length) out += ` GROUP BY ${grouped.join(', ')}`
  if (!opts.unpaged) {
    if (node.order.length) out += ` ORDER BY ${orderSql(sql, scope, node.order)}`
    if (node.range.limit !== undefined) out += ` LIMIT ${sql.p(node.range.limit)}::bigint`
    if (node.range.offset) out += ` OFFSET ${sql.p(node.range.offset)}::bigint`
  }
  return out
}

/** The response body of a relation `src` (rows already shaped) for the negotiated media type. */
export function bodySql(media: Media, src: string): string {
  const t = 'pgrst_t'
  switch (media.kind) {
    case 'csv':
      // header from the first row's keys, then each record's text form without its parentheses
      return `(SELECT coalesce((SELECT string_agg(k, ',') FROM (SELECT json_object_keys(row_to_json(h)) AS k FROM (SELECT * FROM ${src} LIMIT 1) h) hk), '') || E'\\n' || coalesce(string_agg(substring(${t}::text, 2, length(${t}::text) - 2), E'\\n'), '') FROM ${src} AS ${t})`
    case 'object':
      return media.stripNulls
        ? `(SELECT (json_agg(json_strip_nulls(row_to_json(${t}))) -> 0)::text FROM ${src} AS ${t})`
        : `(SELECT (json_agg(${t}) -> 0)::text FROM ${src} AS ${t})`
    default:
      return media.stripNulls
        ? `(SELECT coalesce(json_agg(json_strip_nulls(row_to_json(${t}))), '[]')::text FROM ${src} AS ${t})`
        : `(SELECT coalesce(json_agg(${t}), '[]')::text FROM ${src} AS ${t})`
  }
}
