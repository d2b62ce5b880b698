/**
 * Filters (`col=not.eq.x`), logic trees (`or=(a.eq.1,and(b.gt.2,c.is.null))`) and `order`.
 * Values inside logic trees may be double-quoted to carry `,` `(` `)`; `in.(…)` lists too.
 */
import {
  type Field,
  type Filter,
  FTS_OPS,
  type LogicTree,
  type OpExpr,
  type OrderTerm,
  QUANTIFIABLE,
  SIMPLE_OPS,
} from './ast'
import { RestError } from './errors'
import { Cursor } from './parse-select'

function filterError(raw: string, details: string): RestError {
  return new RestError(400, 'PGRST100', `"failed to parse filter (${raw})" (line 1, column 1)`, details)
}

/** Splits `[not.]op[(mod)].` off the front; returns the operator and where the value starts. */
function parseOperator(raw: string): { negated: boolean; op: string; mod?: string; rest: string } {
  let s = raw
  let negated = false
  if (s.startsWith('not.')) {
    negated = true
    s = s.slice(4)
  }
  const m = /^([a-z]+)(?:\(([^)]*)\))?\./.exec(s)
  if (!m) throw filterError(raw, `unexpected "${s[0] ?? ''}" expecting an operator followed by "."`)
  return { negated, op: m[1], mod: m[2], rest: s.slice(m[0].length) }
}

/** `(a,"b,c",d)` → ['a','b,c','d'] */
export function parseList(raw: string, what: string): string[] {
  const c = new Cursor(raw, what)
  c.expect('(')
  const out: string[] = []
  if (c.eat(')')) {
    if (!c.done) c.fail('end of input')
    return out
  }
  for (;;) {
    const start = c.pos
    let quoted: string | undefined
    if (c.peek() === '"') {
      // a quoted element must end at "," or ")"; otherwise it is read raw, as PostgREST does
      try {
        quoted = c.quoted()
        if (c.peek() !== ',' && c.peek() !== ')') quoted = undefined
      } catch {
        quoted = undefined
      }
    }
    if (quoted !== undefined) out.push(quoted)
    else {
      c.pos = start
      while (!c.done && c.peek() !== ',' && c.peek() !== ')') c.pos++
      out.push(c.src.slice(start, c.pos))
    }
    if (c.eat(',')) continue
    c.expect(')')
    if (!c.done) c.fail('end of input')
    return out
  }
}

function buildExpr(raw: string, op: string, mod: string | undefined, value: string): OpExpr {
  if (op in SIMPLE_OPS) {
    if (mod !== undefined && !(QUANTIFIABLE.has(op) && (mod === 'any' || mod === 'all'))) {
      throw filterError(raw, `unexpected modifier "(${mod})" for the operator "${op}"`)
    }
    return { kind: 'simple', op: op as keyof typeof SIMPLE_OPS, quant: mod as 'any' | 'all' | undefined, value }
  }
  if (op in FTS_OPS) return { kind: 'fts', op: op as keyof typeof FTS_OPS, language: mod || undefined, value }
  if (mod !== undefined) throw filterError(raw, `unexpected "(" after the operator "${op}"`)
  switch (op) {
    case 'in':
      return { kind: 'in', values: parseList(value, 'filter') }
    case 'is': {
      const v = value.toLowerCase()
      // not_null: PostgREST 13+
      if (v === 'null' || v === 'not_null' || v === 'true' || v === 'false' || v === 'unknown') {
        return { kind: 'is', value: v }
      }
      throw filterError(raw, `unexpected "${value}" expecting null, not_null, true, false or unknown`)
    }
    case 'isdistinct':
      return { kind: 'isdistinct', value }
  }
  throw filterError(raw, `unknown operator "${op}"`)
}

/** A top-level filter value: everything after the operator is the value, verbatim. */
export function parseFilterValue(field: Field, raw: string): Filter {
  const { negated, op, mod, rest } = parseOperator(raw)
  return { field, negated, expr: buildExpr(raw, op, mod, rest) }
}

/** `rel.rel2.col->a` → embed path ['rel','rel2'] and the field. */
export function parseFilterKey(key: string): { path: string[]; field: Field } {
  const c = new Cursor(key, 'filter')
  const path: string[] = []
  let field = c.field()
  while (c.eat('.')) {
    if (field.jsonPath.length) c.fail('"=" after a json path')
    path.push(field.name)
    field = c.field()
  }
  if (!c.done) c.fail('end of input')
  return { path, field }
}

/** A value inside a logic tree: quoted, `{…}`, `(…)` for in, or up to the next `,`/`)`. */
function logicValue(c: Cursor, op: string): string {
  if (op === 'in') {
    const start = c.pos
    c.expect('(')
    while (!c.done && c.peek() !== ')') {
      if (c.peek() === '"') c.quoted()
      else c.pos++
    }
    c.expect(')')
    return c.src.slice(start, c.pos)
  }
  if (c.peek() === '"') {
    const start = c.pos
    try {
      const v = c.quoted()
      if (c.done || c.peek() === ',' || c.peek() === ')') return v
    } catch {
      // unterminated: read raw below
    }
    c.pos = start
  } else if (c.peek() === '{' || c.peek() === '[') {
    const open = c.peek()
    const close = open === '{' ? '}' : ']'
    const start = c.pos
    let depth = 0
    while (!c.done) {
      const ch = c.src[c.pos++]
      if (ch === '"') {
        c.pos--
        c.quoted()
        continue
      }
      if (ch === open) depth++
      else if (ch === close && --depth === 0) return c.src.slice(start, c.pos)
    }
    c.fail(`"${close}"`)
  }
  const start = c.pos
  while (!c.done && c.peek() !== ',' && c.peek() !== ')') c.pos++
  return c.src.slice(start, c.pos)
}

function logicChildren(c: Cursor): LogicTree[] {
  c.expect('(')
  const out: LogicTree[] = []
  for (;;) {
    out.push(logicNode(c))
    if (c.eat(',')) continue
    c.expect(')')
    return out
  }
}

function logicNode(c: Cursor): LogicTree {
  c.skipSpaces()
  const negatedGroup = c.startsWith('not.and(') || c.startsWith('not.or(')
  if (negatedGroup) c.pos += 4
  for (const op of ['and', 'or'] as const) {
    if (c.startsWith(`${op}(`)) {
      c.pos += op.length
      return { kind: 'logic', negated: negatedGroup, op, children: logicChildren(c) }
    }
  }
  if (negatedGroup) c.fail('"and(" or "or("')
  const field = c.field()
  c.expect('.')
  let negated = false
  if (c.startsWith('not.')) {
    negated = true
    c.pos += 4
  }
  const m = /^([a-z]+)(?:\(([^)]*)\))?\./.exec(c.src.slice(c.pos))
  if (!m) c.fail('an operator followed by "."')
  c.pos += m[0].length
  const value = logicValue(c, m[1])
  return { kind: 'filter', filter: { field, negated, expr: buildExpr(c.src, m[1], m[2], value) } }
}

/** `or=(…)`, `and=(…)` (negated for `not.or`). */
export function parseLogic(op: 'and' | 'or', negated: boolean, raw: string): LogicTree {
  const c = new Cursor(raw, 'logic tree')
  const children = logicChildren(c)
  if (!c.done) c.fail('end of input')
  return { kind: 'logic', negated, op, children }
}

/** `order=a.desc.nullslast,b,rel(c).asc` */
export function parseOrder(raw: string): OrderTerm[] {
  const c = new Cursor(raw, 'order')
  const terms: OrderTerm[] = []
  for (;;) {
    let field = c.field()
    let relation: string | undefined
    if (c.eat('(')) {
      if (field.jsonPath.length) c.fail('"." after a json path')
      relation = field.name
      field = c.field()
      c.expect(')')
    }
    const term: OrderTerm = { field, relation }
    while (c.eat('.')) {
      const word = c.name()
      if (word === 'asc' || word === 'desc') term.direction = word
      else if (word === 'nullsfirst') term.nulls = 'first'
      else if (word === 'nullslast') term.nulls = 'last'
      else c.fail('"asc", "desc", "nullsfirst" or "nullslast"')
    }
    terms.push(term)
    if (c.eat(',')) continue
    if (!c.done) c.fail('"," or end of input')
    return terms
  }
}
