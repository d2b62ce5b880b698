/** What the PostgREST query string parses into (select, filters, logic trees, order). */

export interface JsonOp {
  arrow: '->' | '->>'
  key: string
  /** an array index like `->0` rather than an object key */
  index: boolean
}

export interface Field {
  name: string
  jsonPath: JsonOp[]
}

export type SelectItem =
  | { kind: 'star' }
  | { kind: 'column'; field: Field; cast?: string; alias?: string }
  | {
      kind: 'embed'
      target: string
      alias?: string
      /** !fk_name / !column / !junction */
      hint?: string
      joinType?: 'inner' | 'left'
      spread: boolean
      items: SelectItem[]
    }

export type EmbedItem = Extract<SelectItem, { kind: 'embed' }>

export const SIMPLE_OPS = {
  eq: '=',
  neq: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  like: 'LIKE',
  ilike: 'ILIKE',
  match: '~',
  imatch: '~*',
  cs: '@>',
  cd: '<@',
  ov: '&&',
  sl: '<<',
  sr: '>>',
  nxr: '&<',
  nxl: '&>',
  adj: '-|-',
} as const

/** Operators that accept the (any)/(all) modifier. */
export const QUANTIFIABLE = new Set(['eq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch'])

export const FTS_OPS = {
  fts: 'to_tsquery',
  plfts: 'plainto_tsquery',
  phfts: 'phraseto_tsquery',
  wfts: 'websearch_to_tsquery',
} as const

export type OpExpr =
  | { kind: 'simple'; op: keyof typeof SIMPLE_OPS; quant?: 'any' | 'all'; value: string }
  | { kind: 'in'; values: string[] }
  | { kind: 'is'; value: 'null' | 'not_null' | 'true' | 'false' | 'unknown' }
  | { kind: 'isdistinct'; value: string }
  | { kind: 'fts'; op: keyof typeof FTS_OPS; language?: string; value: string }

export interface Filter {
  field: Field
  negated: boolean
  expr: OpExpr
}

export type LogicTree =
  | { kind: 'logic'; negated: boolean; op: 'and' | 'or'; children: LogicTree[] }
  | { kind: 'filter'; filter: Filter }

export interface OrderTerm {
  field: Field
  /** `order=rel(col)`: order by a column of a to-one embed */
  relation?: string
  direction?: 'asc' | 'desc'
  nulls?: 'first' | 'last'
}
