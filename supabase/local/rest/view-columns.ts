/**
 * Which base-table column each view column shows, read from the view's stored query tree
 * (pg_rewrite.ev_action) as PostgREST does, so foreign keys can be followed through views.
 */
import type { QI } from './ident'
import type { Table } from './schema-cache'

export interface ViewTarget {
  name: string
  /** position of the column in the view (its attnum) */
  resno: number
  /** source relation oid and attribute number, 0 when the column is computed */
  relOid: number
  attnum: number
}

/** Unescapes a node-tree token (`my\ col` → `my col`). */
const untoken = (tok: string) => tok.replace(/\\(.)/g, '$1')

function lastMatch(text: string, re: RegExp): RegExpExecArray | undefined {
  let m: RegExpExecArray | null
  let last: RegExpExecArray | undefined
  const g = new RegExp(re.source, 'g')
  for (;;) {
    m = g.exec(text)
    if (!m) return last
    last = m
  }
}

/** The top-level query's target list of a `_RETURN` rule (`({QUERY … :targetList (…) …})`). */
export function parseViewTargets(action: string): ViewTarget[] {
  let depth = 0
  let start = -1
  for (let i = 0; i < action.length; i++) {
    const ch = action[i]
    if (ch === '\\') {
      i++
      continue
    }
    if (ch === '(' || ch === '{') depth++
    else if (ch === ')' || ch === '}') depth--
    else if (depth === 2 && action.startsWith(':targetList (', i)) {
      start = i + ':targetList '.length
      break
    }
  }
  if (start < 0) return []
  // split the list into its {TARGETENTRY …} elements
  const out: ViewTarget[] = []
  depth = 0
  let elem = -1
  for (let i = start; i < action.length; i++) {
    const ch = action[i]
    if (ch === '\\') {
      i++
      continue
    }
    if (ch === '(' || ch === '{') {
      depth++
      if (depth === 2 && ch === '{') elem = i
    } else if (ch === ')' || ch === '}') {
      if (depth === 2 && ch === '}' && elem >= 0) {
        const text = action.slice(elem, i + 1)
        // the entry's own keys follow its (possibly nested) :expr, so take the last ones
        const name = lastMatch(text, /:resname ((?:\\.|\S)+)/)
        const resno = lastMatch(text, /:resno (\d+)/)
        const tbl = lastMatch(text, /:resorigtbl (\d+)/)
        const col = lastMatch(text, /:resorigcol (\d+)/)
        const junk = lastMatch(text, /:resjunk (\w+)/)
        if (name && resno && tbl && col && junk?.[1] !== 'true') {
          out.push({ name: untoken(name[1]), resno: Number(resno[1]), relOid: Number(tbl[1]), attnum: Number(col[1]) })
        }
        elem = -1
      }
      depth--
      if (depth === 0) break
    }
  }
  return out
}

/** One end of a foreign key as an exposed relation sees it: the table itself or a view over it. */
export interface End {
  qi: QI
  cols: string[]
  isView: boolean
}

/**
 * The exposed relations showing all of `attnums` of relation `oid`: the table itself when exposed,
 * and every exposed view whose columns come (through other views too) from those columns.
 */
export function endsOf(
  oid: number,
  attnums: number[],
  names: string[],
  byOid: Map<number, Table>,
  viewBases: Map<number, Map<string, string[]>>,
): End[] {
  const ends: End[] = []
  const t = byOid.get(oid)
  if (t && !t.isView) ends.push({ qi: { schema: t.schema, name: t.name }, cols: names, isView: false })
  for (const [viewOid, bases] of viewBases) {
    const v = byOid.get(viewOid)
    if (!v) continue
    const cols = attnums.map((a) => bases.get(`${oid}:${a}`)?.[0])
    if (cols.every((c): c is string => c !== undefined))
      ends.push({ qi: { schema: v.schema, name: v.name }, cols, isView: true })
  }
  return ends
}

/** For each exposed view: base `relOid:attnum` → the view's column names showing it. */
export function mapViews(
  byOid: Map<number, Table>,
  views: { oid: number; action: string }[],
): Map<number, Map<string, string[]>> {
  const targets = new Map(views.map((v) => [v.oid, parseViewTargets(v.action)]))
  const base = (rel: number, att: number, depth: number): string | undefined => {
    const vt = targets.get(rel)
    if (!vt) return `${rel}:${att}`
    if (depth > 16) return undefined
    const t = vt.find((x) => x.resno === att)
    return t?.relOid ? base(t.relOid, t.attnum, depth + 1) : undefined
  }
  const out = new Map<number, Map<string, string[]>>()
  for (const [oid, tbl] of byOid) {
    if (!tbl.isView) continue
    const m = new Map<string, string[]>()
    for (const t of targets.get(oid) ?? []) {
      const b = t.relOid ? base(t.relOid, t.attnum, 0) : undefined
      if (b) m.set(b, [...(m.get(b) ?? []), t.name])
    }
    out.set(oid, m)
  }
  return out
}
