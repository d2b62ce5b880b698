/**
 * The read plan: the select tree with each embed resolved to a relationship, and every filter,
 * logic tree, order and range attached to the node it names (`rel.col=eq.1`, `rel.order=…`).
 */
import type { EmbedItem, Field, Filter, LogicTree, OrderTerm, SelectItem } from './ast'
import { notImplemented, RestError } from './errors'
import { fromQi, ident, type QI, qiKey } from './ident'
import { findRel, isToOne, type Relationship } from './relationships'
import type { QueryParts, Range } from './request'
import { routineParams, type SchemaSnapshot, type Table } from './schema-cache'

export type NodeItem =
  | { kind: 'star' }
  | { kind: 'column'; field: Field; cast?: string; alias?: string }
  | { kind: 'embed'; embed: EmbedNode }

export interface ReadNode {
  /** the relation read (for relationships and column types); undefined for scalar RPC results */
  qi?: QI
  table?: Table
  items: NodeItem[]
  where: LogicTree[]
  order: OrderTerm[]
  range: Range
}

export interface EmbedNode {
  /** the target as written in select (table, FK or column name) */
  name: string
  /** output key */
  key: string
  rel: Relationship
  inner: boolean
  spread: boolean
  /** `rel()`: embedded for filtering only, not output */
  hidden: boolean
  node: ReadNode
}

export const embedKey = (e: EmbedItem) => e.alias ?? e.target

/**
 * A function taking the origin's row type and returning rows of a table: PostgREST's computed
 * relationship, embedded by the function's name.
 */
function isComputedRel(snap: SchemaSnapshot, schema: string, origin: QI, target: string): boolean {
  const fns = snap.routines.get(qiKey({ schema, name: target })) ?? []
  const rowType = new Set([origin.name, `${origin.schema}.${origin.name}`, ident(origin.name), fromQi(origin)])
  return fns.some((f) => {
    const ps = routineParams(f)
    return ps.length >= 1 && rowType.has(ps[0].type) && f.returnRelName !== null
  })
}

function findEmbedRel(snap: SchemaSnapshot, schema: string, qi: QI, item: EmbedItem): Relationship {
  try {
    return findRel(snap.relationships, schema, qi.name, item.target, item.hint)
  } catch (e) {
    if (e instanceof RestError && e.body.code === 'PGRST200' && isComputedRel(snap, schema, qi, item.target)) {
      throw notImplemented(
        `embedding through the function ${schema}.${item.target} (a computed relationship); embed through a foreign key or call /rpc/${item.target}`,
      )
    }
    throw e
  }
}

/**
 * PostgREST names the lateral join of an embed `<origin>_<alias or name>_<depth>`, so two sibling
 * embeds with the same output key collide in Postgres: 400 42712, raised after planning succeeded.
 */
function checkDuplicateEmbeds(node: ReadNode, depth = 1): void {
  const seen = new Set<string>()
  for (const e of embedsOf(node)) {
    const alias = `${e.rel.table.name}_${e.key}_${depth}`
    if (seen.has(alias)) throw new RestError(400, '42712', `table name "${alias}" specified more than once`)
    seen.add(alias)
  }
  for (const e of embedsOf(node)) checkDuplicateEmbeds(e.node, depth + 1)
}

function buildNode(
  snap: SchemaSnapshot,
  schema: string,
  qi: QI | undefined,
  table: Table | undefined,
  select: SelectItem[],
  depth = 0,
): ReadNode {
  const node: ReadNode = { qi, table, items: [], where: [], order: [], range: { offset: 0 } }
  for (const item of select) {
    if (item.kind !== 'embed') {
      node.items.push(item)
      continue
    }
    if (!qi) {
      throw new RestError(
        400,
        'PGRST200',
        `Could not find a relationship between the function result and '${item.target}' in the schema cache`,
        'Embedding needs a function that returns rows of a table',
      )
    }
    const rel = findEmbedRel(snap, schema, qi, item)
    // PostgREST 13+: a spread on a to-many relationship gives one array per selected column
    const child = buildNode(
      snap,
      schema,
      rel.foreignTable,
      snap.tables.get(qiKey(rel.foreignTable)),
      item.items,
      depth + 1,
    )
    node.items.push({
      kind: 'embed',
      embed: {
        name: item.target,
        key: embedKey(item),
        rel,
        inner: item.joinType === 'inner',
        spread: item.spread,
        hidden: item.items.length === 0,
        node: child,
      },
    })
  }
  return node
}

export const embedsOf = (n: ReadNode): EmbedNode[] => n.items.flatMap((i) => (i.kind === 'embed' ? [i.embed] : []))

function notEmbedded(name: string): RestError {
  return new RestError(
    400,
    'PGRST108',
    `'${name}' is not an embedded resource in this request`,
    null,
    `Verify that '${name}' is included in the 'select' query parameter.`,
  )
}

function nodeAt(root: ReadNode, path: string[]): ReadNode {
  let n = root
  for (const seg of path) {
    const e = embedsOf(n).find((x) => x.name === seg || x.key === seg)
    if (!e) throw notEmbedded(seg)
    n = e.node
  }
  return n
}

/** Validates `order=rel(col)`: rel must be a to-one embed of the same node. */
function checkRelatedOrder(node: ReadNode, terms: OrderTerm[]) {
  for (const t of terms) {
    if (!t.relation) continue
    const e = embedsOf(node).find((x) => x.name === t.relation || x.key === t.relation)
    if (!e) throw notEmbedded(t.relation)
    if (!isToOne(e.rel)) {
      throw new RestError(
        400,
        'PGRST118',
        `A related order on '${t.relation}' is not possible`,
        `'${node.qi?.name}' and '${t.relation}' do not form a many-to-one or one-to-one relationship`,
      )
    }
  }
}

/** Filters on an embed name must be `is.null` / `not.is.null` (PostgREST's null-embed filters). */
function checkEmbedFilter(node: ReadNode, f: Filter) {
  if (f.field.jsonPath.length) return
  const e = embedsOf(node).find((x) => x.name === f.field.name || x.key === f.field.name)
  if (e && !(f.expr.kind === 'is' && f.expr.value === 'null')) {
    throw new RestError(
      400,
      'PGRST120',
      `Bad operator on the '${e.name}' embedded resource`,
      'Only is null or not is null filters are allowed on embedded resources',
    )
  }
}

function checkTree(node: ReadNode, t: LogicTree) {
  if (t.kind === 'filter') checkEmbedFilter(node, t.filter)
  else for (const c of t.children) checkTree(node, c)
}

export interface PlanOptions {
  /** filters on the top level are ignored (inserts: PostgREST only applies embedded ones) */
  skipRootFilters?: boolean
  /** the top-level range (limit/offset/Range); undefined = read everything */
  top?: Range
  /** db-max-rows: no node (top level or embed) returns more rows than this (reads and RPC) */
  maxRows?: number
}

/** hosted Supabase's db-max-rows (`max_rows = 1000` in its API settings) */
export const MAX_ROWS = 1000

function capRanges(node: ReadNode, max: number): void {
  const { limit } = node.range
  node.range = { ...node.range, limit: limit === undefined ? max : Math.min(limit, max) }
  for (const e of embedsOf(node)) capRanges(e.node, max)
}

export function buildReadPlan(
  snap: SchemaSnapshot,
  schema: string,
  qi: QI | undefined,
  table: Table | undefined,
  q: QueryParts,
  opts: PlanOptions = {},
): ReadNode {
  const root = buildNode(snap, schema, qi, table, q.select)
  for (const { path, filter } of q.filters) {
    if (path.length === 0 && opts.skipRootFilters) continue
    const n = nodeAt(root, path)
    checkEmbedFilter(n, filter)
    n.where.push({ kind: 'filter', filter })
  }
  for (const { path, tree } of q.logic) {
    if (path.length === 0 && opts.skipRootFilters) continue
    const n = nodeAt(root, path)
    checkTree(n, tree)
    n.where.push(tree)
  }
  for (const { path, terms } of q.order) {
    const n = nodeAt(root, path)
    checkRelatedOrder(n, terms)
    n.order = terms
  }
  for (const r of q.ranges) {
    if (r.path.length === 0) continue
    const n = nodeAt(root, r.path)
    n.range = { offset: r.offset ?? 0, limit: r.limit }
  }
  if (opts.top) root.range = opts.top
  if (opts.maxRows !== undefined) capRanges(root, opts.maxRows)
  checkDuplicateEmbeds(root)
  return root
}
