import type { Json } from '@/types/database'

// A type's custom fields as a list of typed fields (what the editor shows), and the JSON Schema
// (draft 2020-12) stored as type_definitions.custom_fields_schema. Both directions are here so a
// schema written by the list reads back as the same list; a schema the list cannot express (written
// by hand, with oneOf, nested objects…) says why, and the editor keeps it as raw JSON.

export const FIELD_KINDS = ['text', 'number', 'integer', 'boolean', 'date', 'choice'] as const
export type FieldKind = (typeof FIELD_KINDS)[number]

export const FIELD_KIND_LABEL: Record<FieldKind, string> = {
  text: 'Text',
  number: 'Number',
  integer: 'Whole number',
  boolean: 'Yes / no',
  date: 'Date',
  choice: 'Choice',
}

interface Base {
  key: string
  label: string
  required: boolean
}
export type CustomField =
  | (Base & { kind: 'text'; minLength?: number; maxLength?: number; pattern?: string })
  | (Base & { kind: 'number' | 'integer'; min?: number; max?: number })
  | (Base & { kind: 'boolean' | 'date' })
  | (Base & { kind: 'choice'; options: string[] })

export interface CustomFields {
  fields: CustomField[]
  /** Keys not listed are refused (additionalProperties: false). */
  closed: boolean
}

export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema'
/**
 * jsonb does not keep the order of an object's keys, so the list's order is kept beside the
 * properties. An annotation keyword: validators that do not know it ignore it (Ajv: lib/workflows/ajv.ts
 * declares it, so strict mode accepts it).
 */
export const ORDER_KEYWORD = 'x-order'

/** A JSON Schema as it is stored (jsonb). */
export type JsonSchema = { [key: string]: Json | undefined }

function property(f: CustomField): JsonSchema {
  const title = f.label.trim() ? { title: f.label.trim() } : {}
  switch (f.kind) {
    case 'text':
      return {
        type: 'string',
        ...title,
        ...(f.minLength !== undefined ? { minLength: f.minLength } : {}),
        ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
        ...(f.pattern ? { pattern: f.pattern } : {}),
      }
    case 'number':
    case 'integer':
      return {
        type: f.kind,
        ...title,
        ...(f.min !== undefined ? { minimum: f.min } : {}),
        ...(f.max !== undefined ? { maximum: f.max } : {}),
      }
    case 'boolean':
      return { type: 'boolean', ...title }
    case 'date':
      return { type: 'string', format: 'date', ...title }
    case 'choice':
      return { type: 'string', ...title, enum: [...f.options] }
  }
}

/** The list → a draft 2020-12 JSON Schema of an object. */
export function fieldsToJsonSchema({ fields, closed }: CustomFields): JsonSchema {
  const required = fields.filter((f) => f.required).map((f) => f.key)
  return {
    $schema: DRAFT_2020_12,
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [f.key, property(f)])),
    ...(required.length ? { required } : {}),
    ...(closed ? { additionalProperties: false } : {}),
    [ORDER_KEYWORD]: fields.map((f) => f.key),
  }
}

export type FromSchema = { ok: true; value: CustomFields } | { ok: false; reason: string }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const onlyKeys = (o: Record<string, unknown>, allowed: string[]) => Object.keys(o).filter((k) => !allowed.includes(k))

/** One property → a field, or why the list cannot show it. */
function fieldOf(key: string, p: unknown, required: boolean): CustomField | string {
  if (!isObject(p)) return `“${key}” is not a schema object`
  const label = typeof p.title === 'string' ? p.title : ''
  const base = { key, label, required }
  const extra = (allowed: string[]) => {
    const other = onlyKeys(p, ['type', 'title', ...allowed])
    return other.length ? `“${key}” uses ${other.map((k) => `“${k}”`).join(', ')}, which the list does not edit` : null
  }
  if (p.type === 'string' && Array.isArray(p.enum)) {
    if (!p.enum.every((o) => typeof o === 'string')) return `“${key}” has choices that are not text`
    return extra(['enum']) ?? { ...base, kind: 'choice', options: p.enum as string[] }
  }
  if (p.type === 'string' && p.format === 'date') return extra(['format']) ?? { ...base, kind: 'date' }
  if (p.type === 'string') {
    if (p.format !== undefined) return `“${key}” has the format “${String(p.format)}”, which the list does not edit`
    const bad = extra(['minLength', 'maxLength', 'pattern'])
    if (bad) return bad
    return {
      ...base,
      kind: 'text',
      ...(isNum(p.minLength) ? { minLength: p.minLength } : {}),
      ...(isNum(p.maxLength) ? { maxLength: p.maxLength } : {}),
      ...(typeof p.pattern === 'string' ? { pattern: p.pattern } : {}),
    }
  }
  if (p.type === 'number' || p.type === 'integer') {
    return (
      extra(['minimum', 'maximum']) ?? {
        ...base,
        kind: p.type,
        ...(isNum(p.minimum) ? { min: p.minimum } : {}),
        ...(isNum(p.maximum) ? { max: p.maximum } : {}),
      }
    )
  }
  if (p.type === 'boolean') return extra([]) ?? { ...base, kind: 'boolean' }
  return `“${key}” is of a type the list does not edit (${JSON.stringify(p.type ?? 'none')})`
}

/** A stored JSON Schema → the list, when the list can express it exactly. */
export function jsonSchemaToFields(schema: unknown): FromSchema {
  if (!isObject(schema)) return { ok: false, reason: 'The schema is not a JSON object' }
  if (schema.type !== 'object') return { ok: false, reason: 'The schema does not describe an object' }
  const other = onlyKeys(schema, ['$schema', 'type', 'properties', 'required', 'additionalProperties', ORDER_KEYWORD])
  if (other.length) return { ok: false, reason: `The schema uses ${other.map((k) => `“${k}”`).join(', ')}` }
  if (schema.additionalProperties !== undefined && typeof schema.additionalProperties !== 'boolean')
    return { ok: false, reason: 'additionalProperties is a schema, not true or false' }
  const properties = schema.properties ?? {}
  if (!isObject(properties)) return { ok: false, reason: 'properties is not an object' }
  const required = Array.isArray(schema.required) ? schema.required.filter((k) => typeof k === 'string') : []
  if (required.some((k) => !(k in properties)))
    return { ok: false, reason: 'A required key is not among the properties' }
  const listed = Array.isArray(schema[ORDER_KEYWORD]) ? (schema[ORDER_KEYWORD] as unknown[]).map(String) : []
  // the stored order first, then any key it does not name (sorted, as jsonb hands them over)
  const keys = [
    ...listed.filter((k) => k in properties),
    ...Object.keys(properties)
      .filter((k) => !listed.includes(k))
      .sort(),
  ]
  const fields: CustomField[] = []
  for (const key of keys) {
    const f = fieldOf(key, properties[key], required.includes(key))
    if (typeof f === 'string') return { ok: false, reason: f }
    fields.push(f)
  }
  return { ok: true, value: { fields, closed: schema.additionalProperties === false } }
}
