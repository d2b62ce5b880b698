/**
 * Which function /rpc/fn means: PostgREST's findProc, matching overloads by argument names, with
 * the single unnamed json/jsonb parameter as the fallback, and its PGRST202/203 errors.
 */
import { RestError } from './errors'
import { closest } from './fuzzy'
import { qiKey } from './ident'
import { type Routine, type RoutineParam, routineParams, type SchemaSnapshot } from './schema-cache'

export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

export const isJsonType = (t: string) => t === 'json' || t === 'jsonb'

function describeParams(ps: RoutineParam[]) {
  return ps.map((p) => `${p.name} => ${p.type}`).join(', ')
}

function noRpc(
  snap: SchemaSnapshot,
  schema: string,
  name: string,
  keys: string[],
  isPost: boolean,
  overloads: Routine[],
): RestError {
  const func = `${schema}.${name}`
  const sorted = [...keys].sort()
  const prms = sorted.length ? `(${sorted.join(', ')})` : ' without parameters'
  const det = sorted.length
    ? ` with parameter${sorted.length > 1 ? 's' : ''} ${sorted.join(', ')}`
    : ' without parameters'
  let hint: string | null = null
  if (overloads.length === 0) {
    const names = [...snap.routines.values()]
      .flat()
      .filter((r) => r.schema === schema)
      .map((r) => r.name)
    const near = closest(name, new Set(names), 0.75)
    if (near) hint = `Perhaps you meant to call the function ${schema}.${near}`
  } else {
    const sigs = overloads.map(
      (o) =>
        `(${routineParams(o)
          .map((p) => p.name)
          .sort()
          .join(', ')})`,
    )
    const near = closest(`(${sorted.join(', ')})`, sigs)
    if (near) hint = `Perhaps you meant to call the function ${schema}.${name}${near}`
  }
  return new RestError(
    404,
    'PGRST202',
    `Could not find the function ${func}${prms} in the schema cache`,
    `Searched for the function ${func}${det}${isPost ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
    hint,
  )
}

export interface CallShape {
  isPost: boolean
  body?: { text: string; value: unknown }
}

export function resolveRoutine(
  snap: SchemaSnapshot,
  schema: string,
  name: string,
  keys: string[],
  shape: CallShape,
): Routine {
  const { isPost, body } = shape
  // named arguments come from a JSON object (or nothing); any other body needs a single json param
  const namedOk = body === undefined || isObject(body.value)
  const overloads = snap.routines.get(qiKey({ schema, name })) ?? []
  const keySet = new Set(keys)
  const matches: Routine[] = []
  const unnamed: Routine[] = []
  for (const o of overloads) {
    const ps = routineParams(o)
    let ok: boolean
    if (ps.length === 0) ok = keySet.size === 0
    else {
      const names = new Set(ps.map((p) => p.name))
      ok = [...keySet].every((k) => names.has(k)) && ps.filter((p) => p.required).every((p) => keySet.has(p.name))
    }
    if (ok && namedOk) matches.push(o)
    else if (isPost && body !== undefined && ps.length === 1 && ps[0].name === '' && isJsonType(ps[0].type))
      unnamed.push(o)
  }
  const pick = matches.length ? matches : unnamed
  if (pick.length === 1) return pick[0]
  if (pick.length === 0) throw noRpc(snap, schema, name, keys, isPost, overloads)
  throw new RestError(
    300,
    'PGRST203',
    `Could not choose the best candidate function between: ${pick.map((o) => `${o.schema}.${o.name}(${describeParams(routineParams(o))})`).join(', ')}`,
    null,
    'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
  )
}
