/**
 * One catalog query that returns, as JSON text, everything the schema cache needs about the
 * exposed schemas ($1 = text[]): relations with columns/keys, foreign keys and callable functions.
 * Runs as the connecting superuser, like PostgREST's own schema cache load.
 */
export const INTROSPECT_SQL = `
with rels as (
  select c.oid, n.nspname as schema, c.relname as name, c.relkind
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = any($1::text[]) and c.relkind in ('r', 'v', 'm', 'f', 'p') and not c.relispartition
),
tables as (
  select json_agg(json_build_object(
    'oid', r.oid::int8, 'schema', r.schema, 'name', r.name,
    'isView', r.relkind in ('v', 'm'),
    'insertable', r.relkind in ('r', 'p') or (pg_relation_is_updatable(r.oid, true) & 8) = 8,
    'updatable', r.relkind in ('r', 'p') or (pg_relation_is_updatable(r.oid, true) & 4) = 4,
    'deletable', r.relkind in ('r', 'p') or (pg_relation_is_updatable(r.oid, true) & 16) = 16,
    'columns', coalesce((
      select json_agg(json_build_object(
        'name', a.attname,
        'type', format_type(a.atttypid, a.atttypmod),
        'baseType', format_type(coalesce(nullif(t.typbasetype, 0), a.atttypid), null),
        'category', bt.typcategory,
        'nullable', not a.attnotnull,
        'default', pg_get_expr(d.adbin, d.adrelid),
        'generated', a.attgenerated <> '' or a.attidentity = 'a'
      ) order by a.attnum)
      from pg_attribute a
      join pg_type t on t.oid = a.atttypid
      join pg_type bt on bt.oid = coalesce(nullif(t.typbasetype, 0), a.atttypid)
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped), '[]'::json),
    'pk', coalesce((
      select json_agg(a.attname order by k.ord)
      from pg_constraint con, unnest(con.conkey) with ordinality k(attnum, ord)
      join pg_attribute a on a.attrelid = r.oid and a.attnum = k.attnum
      where con.conrelid = r.oid and con.contype = 'p'), '[]'::json)
  ) order by r.schema, r.name) as v
  from rels r
),
-- every foreign key, exposed or not: views in an exposed schema may show hidden tables
fks as (
  select json_agg(json_build_object(
    'name', con.conname,
    'oid', con.conrelid::int8, 'foid', con.confrelid::int8,
    'schema', n1.nspname, 'table', c1.relname,
    'fschema', n2.nspname, 'ftable', c2.relname,
    'cols', (
      select json_agg(json_build_array(a1.attname, a2.attname, k.c1, k.c2) order by k.ord)
      from unnest(con.conkey, con.confkey) with ordinality k(c1, c2, ord)
      join pg_attribute a1 on a1.attrelid = con.conrelid and a1.attnum = k.c1
      join pg_attribute a2 on a2.attrelid = con.confrelid and a2.attnum = k.c2),
    'oneToOne', exists (
      select 1 from pg_index i
      where i.indrelid = con.conrelid and i.indisunique and i.indpred is null and i.indexprs is null
        and i.indkey::int2[] @> con.conkey and i.indkey::int2[] <@ con.conkey)
  ) order by con.conname) as v
  from pg_constraint con
  join pg_class c1 on c1.oid = con.conrelid join pg_namespace n1 on n1.oid = c1.relnamespace
  join pg_class c2 on c2.oid = con.confrelid join pg_namespace n2 on n2.oid = c2.relnamespace
  where con.contype = 'f' and n1.nspname not in ('pg_catalog', 'information_schema')
),
-- the stored query of every view (all schemas: exposed views may select from other views)
views as (
  select json_agg(json_build_object('oid', c.oid::int8, 'action', rw.ev_action::text)) as v
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  join pg_rewrite rw on rw.ev_class = c.oid and rw.rulename = '_RETURN'
  where c.relkind in ('v', 'm') and n.nspname not in ('pg_catalog', 'information_schema')
),
routines as (
  select json_agg(json_build_object(
    'schema', n.nspname, 'name', p.proname,
    'volatility', p.provolatile,
    'setof', p.proretset,
    'returnType', format_type(p.prorettype, null),
    'returnTypeKind', rt.typtype,
    'returnRelSchema', rn.nspname, 'returnRelName', rc.relname,
    'isVariadic', p.provariadic <> 0,
    'nDefaults', p.pronargdefaults,
    'args', coalesce((
      select json_agg(json_build_object('name', coalesce(x.name, ''), 'type', format_type(x.typ, null), 'mode', x.mode) order by x.ord)
      from unnest(
        coalesce(p.proallargtypes, p.proargtypes::oid[]),
        coalesce(p.proargmodes, array_fill('i'::"char", array[p.pronargs::int])),
        p.proargnames
      ) with ordinality x(typ, mode, name, ord)), '[]'::json)
  ) order by n.nspname, p.proname, p.oid) as v
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
  join pg_type rt on rt.oid = p.prorettype
  left join pg_class rc on rc.oid = rt.typrelid
  left join pg_namespace rn on rn.oid = rc.relnamespace
  where n.nspname = any($1::text[]) and p.prokind = 'f'
    and p.prorettype not in ('trigger'::regtype, 'event_trigger'::regtype)
)
select json_build_object(
  'tables', coalesce((select v from tables), '[]'::json),
  'fks', coalesce((select v from fks), '[]'::json),
  'views', coalesce((select v from views), '[]'::json),
  'routines', coalesce((select v from routines), '[]'::json),
  'schemas', (select coalesce(json_agg(nspname), '[]'::json) from pg_namespace where nspname = any($1::text[]))
)::text as cache
`
