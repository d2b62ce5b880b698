import Ajv2020, { type ErrorObject } from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { ORDER_KEYWORD } from './fields'

// A type's custom_fields_schema is checked with Ajv (draft 2020-12, with ajv-formats) before it is
// saved: first against the draft's meta-schema (a maxLength of -1, a type that does not exist), then
// compiled in strict mode (an unknown keyword or format, an invalid pattern, minimum on a string),
// which is what every later validator of custom_data will do with it. Each problem names the place in
// the schema it is about, so the editor puts it under that field.

/** The one Ajv setup for custom fields: draft 2020-12, formats, strict, our order annotation known. */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true })
  addFormats(ajv)
  ajv.addKeyword({ keyword: ORDER_KEYWORD, schemaType: 'array' })
  return ajv
}

export interface SchemaProblem {
  /** Where in the schema: JSON Pointer segments (['properties', 'serial', 'maxLength']); [] = the whole schema. */
  pointer: string[]
  message: string
}

const segments = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))

/** Ajv's meta-schema error → one sentence about that place. */
function metaMessage(e: ErrorObject): string {
  const at = segments(e.instancePath)
  const keyword = at.at(-1) ?? 'schema'
  switch (e.keyword) {
    case 'type':
      return `${keyword} must be ${article(String(e.params.type))}`
    case 'minimum':
      return `${keyword} must be ${e.params.limit} or more`
    case 'format':
      return e.params.format === 'regex' ? `${keyword} is not a valid regular expression` : `${keyword} ${e.message}`
    case 'enum':
      return `${keyword} must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
    case 'uniqueItems':
      return `${keyword} lists the same value twice`
    default:
      return `${keyword} ${e.message ?? 'is invalid'}`
  }
}

function article(type: string): string {
  const words: Record<string, string> = {
    integer: 'a whole number',
    number: 'a number',
    string: 'text',
    boolean: 'true or false',
    array: 'a list',
    object: 'an object',
  }
  return type
    .split(',')
    .map((t) => words[t] ?? t)
    .join(' or ')
}

/** Ajv's compile-time refusal (strict mode, a bad regular expression) → the keyword at fault and a sentence. */
function compileProblem(error: unknown): { keyword?: string; message: string } {
  const text = error instanceof Error ? error.message : String(error)
  const unknownKeyword = /unknown keyword: "([^"]+)"/.exec(text)
  if (unknownKeyword)
    return { keyword: unknownKeyword[1], message: `“${unknownKeyword[1]}” is not a JSON Schema keyword` }
  const unknownFormat = /unknown format "([^"]+)"/.exec(text)
  if (unknownFormat) return { keyword: 'format', message: `“${unknownFormat[1]}” is not a known format` }
  const missingType = /missing type "([^"]+)" for keyword "([^"]+)"/.exec(text)
  if (missingType)
    return {
      keyword: missingType[2],
      message: `${missingType[2]} applies to ${missingType[1].split(',').join(' or ')} values only: set the type to match`,
    }
  if (error instanceof SyntaxError || /regular expression/i.test(text))
    return {
      keyword: 'pattern',
      message: `Not a valid regular expression: ${text.replace(/^.*Invalid regular expression: \/.*\/[a-z]*: /, '').toLowerCase()}`,
    }
  return { message: text.replace(/^strict mode: /, '') }
}

function compiles(ajv: Ajv2020, schema: unknown): { keyword?: string; message: string } | null {
  try {
    ajv.compile(schema as object)
    return null
  } catch (error) {
    return compileProblem(error)
  }
}

/** Every problem Ajv finds in a custom fields schema; empty when it compiles. */
export function checkJsonSchema(schema: unknown): SchemaProblem[] {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    return [{ pointer: [], message: 'The schema must be a JSON object' }]
  const ajv = createAjv()
  if (!ajv.validateSchema(schema)) {
    const seen = new Set<string>()
    const problems: SchemaProblem[] = []
    for (const e of ajv.errors ?? []) {
      // a failed anyOf/oneOf of the meta-schema repeats its branches' errors: one per place is enough
      if (seen.has(e.instancePath) || e.keyword === 'anyOf' || e.keyword === 'oneOf') continue
      seen.add(e.instancePath)
      problems.push({ pointer: segments(e.instancePath), message: metaMessage(e) })
    }
    return problems
  }
  const whole = compiles(ajv, schema)
  if (!whole) return []
  // strict mode stops at the first problem and names no place: compile each property alone to find which
  const properties = (schema as { properties?: unknown }).properties
  const problems: SchemaProblem[] = []
  if (properties && typeof properties === 'object') {
    for (const [key, sub] of Object.entries(properties)) {
      const found = compiles(createAjv(), sub)
      if (found)
        problems.push({
          pointer: ['properties', key, ...(found.keyword ? [found.keyword] : [])],
          message: found.message,
        })
    }
  }
  return problems.length ? problems : [{ pointer: whole.keyword ? [whole.keyword] : [], message: whole.message }]
}
