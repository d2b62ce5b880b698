/**
 * PostgREST's schema cache: relations, columns, keys, relationships and functions of the exposed
 * schemas, loaded from pg_catalog. Reloaded on demand (a name not found may be a fresh migration)
 * and through `reload()`.
 */
import type { Db } from '../db/types'
import { type QI, qiKey } from './ident'
import { INTROSPECT_SQL } from './introspect.sql'
import { buildRelationships, type Fk, type Relationship } from './relationships'

export type { QI }

export interface Column {
  name: string
  /** format_type, e.g. `character varying(20)`, `text[]`, `public.status` */
  type: string
  /** the domain's base type, or `type` */
  baseType: string
  /** pg_type.typcategory of the base type: A array, S string, N numeric, U user (json…), … */
  category: string
  nullable: boolean
  default: string | null
  /** generated always (stored or identity): cannot be written */
  generated: boolean
}

export interface Table extends QI {
  oid: number
  isView: boolean
  insertable: boolean
  updatable: boolean
  deletable: boolean
  columns: Column[]
  pk: string[]
}

export interface RoutineArg {
  name: string
  type: string
  /** i in, o out, b inout, v variadic, t table column */
  mode: string
}

export interface Routine extends QI {
  /** i immutable, s stable, v volatile */
  volatility: string
  setof: boolean
  returnType: string
  /** pg_type.typtype of the return type: b base, c composite, p pseudo (record, void), d domain, e enum, r range */
  returnTypeKind: string
  returnRelSchema: string | null
  returnRelName: string | null
  isVariadic: boolean
  nDefaults: number
  args: RoutineArg[]
}

export interface RoutineParam {
  name: string
  type: string
  required: boolean
  variadic: boolean
}

/** Input parameters in call order, with which ones need a value. */
export function routineParams(r: Routine): RoutineParam[] {
  const ins = r.args.filter((a) => a.mode === 'i' || a.mode === 'b' || a.mode === 'v')
  return ins.map((a, i) => ({
    name: a.name,
    type: a.type,
    required: i < ins.length - r.nDefaults,
    variadic: a.mode === 'v',
  }))
}

export function routineReturnsVoid(r: Routine): boolean {
  return r.returnType === 'void'
}

/** Rows (objects) rather than bare values: composite types, RETURNS TABLE, OUT parameters. */
export function routineReturnsComposite(r: Routine): boolean {
  if (r.returnTypeKind === 'c') return true
  return r.returnType === 'record' && r.args.some((a) => a.mode === 'o' || a.mode === 'b' || a.mode === 't')
}

export interface SchemaSnapshot {
  schemas: Set<string>
  tables: Map<string, Table>
  routines: Map<string, Routine[]>
  /** keyed by origin table */
  relationships: Map<string, Relationship[]>
}

interface RawCache {
  tables: Table[]
  fks: Fk[]
  views: { oid: number; action: string }[]
  routines: Routine[]
  schemas: string[]
}

export class SchemaCache {
  private snap: SchemaSnapshot = {
    schemas: new Set(),
    tables: new Map(),
    routines: new Map(),
    relationships: new Map(),
  }
  private loading: Promise<void> | undefined
  private loadedAt = 0

  constructor(
    private readonly db: Db,
    private readonly schemas: string[],
  ) {}

  get current(): SchemaSnapshot {
    return this.snap
  }

  /** Re-reads the catalog; concurrent callers share one load. */
  reload(): Promise<void> {
    if (!this.loading) {
      this.loading = this.load().finally(() => {
        this.loading = undefined
      })
    }
    return this.loading
  }

  /** Reloads unless a load finished within `maxAgeMs` (a miss right after a reload stays a miss). */
  async refreshIfOlderThan(maxAgeMs: number): Promise<boolean> {
    if (Date.now() - this.loadedAt < maxAgeMs) return false
    await this.reload()
    return true
  }

  private async load(): Promise<void> {
    const { rows } = await this.db.query<{ cache: string }>(INTROSPECT_SQL, [this.schemas])
    const raw = JSON.parse(rows[0].cache) as RawCache
    const tables = new Map<string, Table>()
    for (const t of raw.tables) {
      tables.set(qiKey(t), t)
    }
    const routines = new Map<string, Routine[]>()
    for (const r of raw.routines) {
      const k = qiKey(r)
      routines.set(k, [...(routines.get(k) ?? []), r])
    }
    this.snap = {
      schemas: new Set(raw.schemas),
      tables,
      routines,
      relationships: buildRelationships(tables, raw.fks, raw.views),
    }
    this.loadedAt = Date.now()
  }
}
