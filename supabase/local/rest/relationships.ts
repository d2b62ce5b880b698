/**
 * Relationships for resource embedding, inferred from foreign keys as PostgREST (12 to 14) does:
 * many-to-one / one-to-many, one-to-one when the FK columns are unique, and many-to-many through a
 * junction table whose primary key holds both foreign keys. Views get none (see README).
 */
import { RestError } from './errors'
import { closest } from './fuzzy'
import { type QI, qiKey } from './ident'
import type { Table } from './schema-cache'
import { endsOf, mapViews } from './view-columns'

export type Cardinality = 'M2O' | 'O2M' | 'O2O' | 'M2M'

export interface Junction {
  table: QI
  constraint1: string
  constraint2: string
  /** (origin column, junction column) */
  sourceCols: [string, string][]
  /** (target column, junction column) */
  targetCols: [string, string][]
}

export interface Relationship {
  table: QI
  foreignTable: QI
  isSelf: boolean
  cardinality: Cardinality
  /** the FK constraint (M2M: empty, see junction) */
  constraint: string
  /** (origin column, target column); empty for M2M */
  columns: [string, string][]
  junction?: Junction
  foreignTableIsView: boolean
}

export interface Fk {
  name: string
  oid: number
  foid: number
  schema: string
  table: string
  fschema: string
  ftable: string
  /** (column, referenced column, attnum, referenced attnum) */
  cols: [string, string, number, number][]
  oneToOne: boolean
}

export function buildRelationships(
  tables: Map<string, Table>,
  fks: Fk[],
  views: { oid: number; action: string }[],
): Map<string, Relationship[]> {
  const out = new Map<string, Relationship[]>()
  const add = (r: Relationship) => {
    const k = qiKey(r.table)
    out.set(k, [...(out.get(k) ?? []), r])
  }
  const byOid = new Map([...tables.values()].map((t) => [t.oid, t]))
  const viewBases = mapViews(byOid, views)
  for (const fk of fks) {
    const sources = endsOf(
      fk.oid,
      fk.cols.map((c) => c[2]),
      fk.cols.map((c) => c[0]),
      byOid,
      viewBases,
    )
    const targets = endsOf(
      fk.foid,
      fk.cols.map((c) => c[3]),
      fk.cols.map((c) => c[1]),
      byOid,
      viewBases,
    )
    for (const s of sources) {
      for (const g of targets) {
        const isSelf = qiKey(s.qi) === qiKey(g.qi)
        const pairs = s.cols.map((c, i) => [c, g.cols[i]] as [string, string])
        add({
          table: s.qi,
          foreignTable: g.qi,
          isSelf,
          cardinality: fk.oneToOne ? 'O2O' : 'M2O',
          constraint: fk.name,
          columns: pairs,
          foreignTableIsView: g.isView,
        })
        add({
          table: g.qi,
          foreignTable: s.qi,
          isSelf,
          cardinality: fk.oneToOne ? 'O2O' : 'O2M',
          constraint: fk.name,
          columns: pairs.map(([c, fc]) => [fc, c]),
          foreignTableIsView: s.isView,
        })
      }
    }
  }
  // many-to-many: a junction with FKs to two tables whose columns are all in its primary key
  const byTable = new Map<string, Fk[]>()
  for (const fk of fks) {
    const k = qiKey({ schema: fk.schema, name: fk.table })
    byTable.set(k, [...(byTable.get(k) ?? []), fk])
  }
  for (const [k, list] of byTable) {
    const jt = tables.get(k)
    if (!jt || jt.isView || jt.pk.length === 0) continue
    const inPk = list.filter((fk) => fk.cols.every(([c]) => jt.pk.includes(c)))
    for (const a of inPk) {
      for (const b of inPk) {
        if (a === b) continue
        const origin: QI = { schema: a.fschema, name: a.ftable }
        const target: QI = { schema: b.fschema, name: b.ftable }
        const ttbl = tables.get(qiKey(target))
        if (!ttbl || !tables.has(qiKey(origin))) continue
        add({
          table: origin,
          foreignTable: target,
          isSelf: qiKey(origin) === qiKey(target),
          cardinality: 'M2M',
          constraint: '',
          columns: [],
          junction: {
            table: { schema: jt.schema, name: jt.name },
            constraint1: a.name,
            constraint2: b.name,
            sourceCols: a.cols.map(([jc, oc]) => [oc, jc]),
            targetCols: b.cols.map(([jc, tc]) => [tc, jc]),
          },
          foreignTableIsView: ttbl.isView,
        })
      }
    }
  }
  return out
}

export const isToOne = (r: Relationship) => r.cardinality === 'M2O' || r.cardinality === 'O2O'

const single = (r: Relationship): [string, string] | undefined =>
  r.cardinality !== 'M2M' && r.columns.length === 1 ? r.columns[0] : undefined

/**
 * PostgREST's findRel: the relationship between `origin` and the embed `target` (a table name, or
 * for tables also an FK name or FK column), narrowed by an optional `!hint`.
 */
export function findRel(
  rels: Map<string, Relationship[]>,
  schema: string,
  origin: string,
  target: string,
  hint: string | undefined,
): Relationship {
  const candidates = rels.get(qiKey({ schema, name: origin })) ?? []
  const found = candidates.filter((r) => {
    if (r.foreignTable.schema !== schema) return false
    const s = single(r)
    const fkCol = (h: string) => s?.[0] === h
    const refCol = (h: string) => s?.[1] === h
    const cons = (h: string) => r.cardinality !== 'M2M' && r.constraint === h
    const junction = (h: string) => r.cardinality === 'M2M' && r.junction?.table.name === h
    if (r.isSelf) {
      // one FK, two readings: the table name gives the O2M (children), the FK column the M2O (parent)
      if (hint === undefined) {
        return (target === r.foreignTable.name && r.cardinality === 'O2M') || (fkCol(target) && r.cardinality === 'M2O')
      }
      return target === r.foreignTable.name && r.cardinality === 'O2M' && refCol(hint)
    }
    if (hint === undefined) {
      return (
        target === r.foreignTable.name ||
        (cons(target) && !r.foreignTableIsView) ||
        (fkCol(target) && !r.foreignTableIsView)
      )
    }
    return target === r.foreignTable.name && (cons(hint) || fkCol(hint) || refCol(hint) || junction(hint))
  })
  if (found.length === 1) return found[0]
  if (found.length === 0) throw noRelBetween(rels, schema, origin, target, hint)
  throw ambiguous(origin, target, found)
}

function noRelBetween(
  rels: Map<string, Relationship[]>,
  schema: string,
  origin: string,
  target: string,
  hint: string | undefined,
): RestError {
  const parents = [...rels.values()].flat().filter((r) => r.table.schema === schema)
  const own = rels.get(qiKey({ schema, name: origin }))
  let suggestion: string | undefined
  if (own) {
    const children = new Set(own.map((r) => r.foreignTable.name))
    const c = children.has(target) ? undefined : closest(target, children)
    if (c) suggestion = `Perhaps you meant '${c}' instead of '${target}'.`
  } else {
    const p = closest(origin, new Set(parents.map((r) => r.table.name)))
    if (p) suggestion = `Perhaps you meant '${p}' instead of '${origin}'.`
  }
  return new RestError(
    400,
    'PGRST200',
    `Could not find a relationship between '${origin}' and '${target}' in the schema cache`,
    `Searched for a foreign key relationship between '${origin}' and '${target}'${hint ? ` using the hint '${hint}'` : ''} in the schema '${schema}', but no matches were found.`,
    suggestion ?? null,
  )
}

const fmtCols = (cols: string[]) => `(${cols.join(', ')})`

function describe(r: Relationship): Record<string, string> {
  const embedding = `${r.table.name} with ${r.foreignTable.name}`
  if (r.cardinality === 'M2M' && r.junction) {
    const j = r.junction
    return {
      cardinality: 'many-to-many',
      embedding,
      relationship: `${j.table.name} using ${j.constraint1}${fmtCols(j.sourceCols.map(([, c]) => c))} and ${j.constraint2}${fmtCols(j.targetCols.map(([, c]) => c))}`,
    }
  }
  const names: Record<Cardinality, string> = {
    M2O: 'many-to-one',
    O2M: 'one-to-many',
    O2O: 'one-to-one',
    M2M: 'many-to-many',
  }
  return {
    cardinality: names[r.cardinality],
    embedding,
    relationship: `${r.constraint} using ${r.table.name}${fmtCols(r.columns.map(([c]) => c))} and ${r.foreignTable.name}${fmtCols(r.columns.map(([, c]) => c))}`,
  }
}

function ambiguous(origin: string, target: string, rels: Relationship[]): RestError {
  const options = rels
    .map((r) => `'${r.foreignTable.name}!${r.cardinality === 'M2M' ? r.junction?.table.name : r.constraint}'`)
    .join(', ')
  return new RestError(
    300,
    'PGRST201',
    `Could not embed because more than one relationship was found for '${origin}' and '${target}'`,
    rels.map(describe),
    `Try changing '${target}' to one of the following: ${options}. Find the desired relationship in the 'details' key.`,
  )
}
