/**
 * The workflow editor's custom fields: the typed list ↔ JSON Schema (draft 2020-12) round trip, what
 * the list refuses to show (kept as raw JSON), and Ajv's problems placed under the inputs they are
 * about (lib/workflows/{fields,ajv,errors}.ts).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkJsonSchema, createAjv } from '../../lib/workflows/ajv'
import { schemaProblemsToFieldErrors } from '../../lib/workflows/errors'
import {
  type CustomField,
  type CustomFields,
  DRAFT_2020_12,
  fieldsToJsonSchema,
  jsonSchemaToFields,
} from '../../lib/workflows/fields'
import { blankFieldRow, customFieldsSchemaOf, fieldOfRow, rowOfField } from '../../lib/workflows/form-values'

const REPAIR: CustomFields = {
  closed: true,
  fields: [
    { key: 'serial', label: 'Serial number', kind: 'text', required: true, maxLength: 40, pattern: '^[A-Z0-9-]+$' },
    { key: 'symptom', label: 'Symptom', kind: 'text', required: true, minLength: 3 },
    { key: 'quote', label: 'Quote', kind: 'number', required: false, min: 0, max: 5000 },
    { key: 'units', label: 'Units', kind: 'integer', required: false, min: 1 },
    { key: 'warranty', label: 'Under warranty', kind: 'boolean', required: false },
    { key: 'bought_on', label: 'Bought on', kind: 'date', required: false },
    { key: 'size', label: 'Size', kind: 'choice', required: false, options: ['S', 'M', 'L'] },
  ],
}

describe('fields → JSON Schema', () => {
  it('writes a draft 2020-12 object schema with one property per field, required and closed', () => {
    const schema = fieldsToJsonSchema(REPAIR)
    expect(schema).toMatchObject({
      $schema: DRAFT_2020_12,
      type: 'object',
      required: ['serial', 'symptom'],
      additionalProperties: false,
      'x-order': REPAIR.fields.map((f) => f.key),
      properties: {
        serial: { type: 'string', title: 'Serial number', maxLength: 40, pattern: '^[A-Z0-9-]+$' },
        quote: { type: 'number', minimum: 0, maximum: 5000 },
        units: { type: 'integer', minimum: 1 },
        warranty: { type: 'boolean' },
        bought_on: { type: 'string', format: 'date' },
        size: { type: 'string', enum: ['S', 'M', 'L'] },
      },
    })
    expect(checkJsonSchema(schema)).toEqual([])
  })

  it('validates data as the fields say (Ajv, formats included)', () => {
    const validate = createAjv().compile(fieldsToJsonSchema(REPAIR))
    expect(validate({ serial: 'AB-12', symptom: 'left cup silent', bought_on: '2026-11-02', size: 'M' })).toBe(true)
    expect(validate({ serial: 'ab 12', symptom: 'x' })).toBe(false)
    expect(validate({ serial: 'AB', symptom: 'hum', bought_on: '2026-13-40' })).toBe(false)
    expect(validate({ serial: 'AB', symptom: 'hum', colour: 'red' })).toBe(false) // closed
    expect(validate({ serial: 'AB', symptom: 'hum', units: 1.5 })).toBe(false)
  })

  it('reads back as the same list, in the same order, even after jsonb reorders the keys', () => {
    const schema = fieldsToJsonSchema(REPAIR)
    // what jsonb hands back: keys sorted, not in insertion order
    const reordered = JSON.parse(JSON.stringify(schema, Object.keys(schema).sort()))
    reordered.properties = Object.fromEntries(
      Object.entries(schema.properties as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
    )
    expect(jsonSchemaToFields(reordered)).toEqual({ ok: true, value: REPAIR })
  })

  it('round-trips any list (property-based)', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/)
    const base = { key, label: fc.string({ maxLength: 20 }), required: fc.boolean() }
    const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined })
    const field: fc.Arbitrary<CustomField> = fc.oneof(
      fc.record(
        {
          ...base,
          kind: fc.constant('text' as const),
          minLength: opt(fc.nat(50)),
          maxLength: opt(fc.nat(500)),
          pattern: opt(fc.constantFrom('^[0-9]+$', '[a-z]')),
        },
        { requiredKeys: ['key', 'label', 'required', 'kind'] },
      ),
      fc.record(
        {
          ...base,
          kind: fc.constantFrom('number' as const, 'integer' as const),
          min: opt(fc.integer()),
          max: opt(fc.integer()),
        },
        { requiredKeys: ['key', 'label', 'required', 'kind'] },
      ),
      fc.record({ ...base, kind: fc.constantFrom('boolean' as const, 'date' as const) }),
      fc.record({
        ...base,
        kind: fc.constant('choice' as const),
        options: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }),
      }),
    )
    const list = fc.record({
      closed: fc.boolean(),
      fields: fc.uniqueArray(field, { selector: (f) => f.key, maxLength: 8 }),
    })
    fc.assert(
      fc.property(list, (value) => {
        // labels are trimmed on the way out; the list stores what it reads back
        const expected = { ...value, fields: value.fields.map((f) => ({ ...f, label: f.label.trim() })) }
        const schema = JSON.parse(JSON.stringify(fieldsToJsonSchema(value)))
        expect(jsonSchemaToFields(schema)).toEqual({ ok: true, value: expected })
      }),
      { numRuns: 300 },
    )
    // and every such schema is one Ajv compiles (fewer runs: a compile costs milliseconds)
    fc.assert(
      fc.property(list, (value) => {
        expect(checkJsonSchema(fieldsToJsonSchema(value))).toEqual([])
      }),
      { numRuns: 40 },
    )
  }, 30_000)

  it('the editor’s rows (text inputs) ↔ typed fields', () => {
    for (const f of REPAIR.fields) expect(fieldOfRow(rowOfField(f))).toEqual(f)
    expect(fieldOfRow({ ...blankFieldRow(), key: 'size', kind: 'choice', options: ' S \n\nM\n' })).toEqual({
      key: 'size',
      label: '',
      required: false,
      kind: 'choice',
      options: ['S', 'M'],
    })
  })

  it('keeps a schema the list cannot express as raw JSON, and says why', () => {
    const cases: [unknown, RegExp][] = [
      [{ type: 'object', properties: { a: { oneOf: [{ type: 'string' }, { type: 'number' }] } } }, /“a” is of a type/],
      [{ type: 'object', properties: { a: { type: 'string', format: 'email' } } }, /format “email”/],
      [{ type: 'object', properties: { a: { type: 'string', description: 'x' } } }, /“description”/],
      [{ type: 'object', properties: {}, $defs: {} }, /“\$defs”/],
      [{ type: 'array' }, /not describe an object/],
    ]
    for (const [schema, reason] of cases) {
      const out = jsonSchemaToFields(schema)
      expect(out.ok).toBe(false)
      if (!out.ok) expect(out.reason).toMatch(reason)
    }
  })
})

describe('Ajv problems under their fields', () => {
  it('finds meta-schema problems and strict-mode refusals, each at its place', () => {
    expect(checkJsonSchema({ type: 'object', properties: { a: { type: 'string', maxLength: -1 } } })).toEqual([
      { pointer: ['properties', 'a', 'maxLength'], message: 'maxLength must be 0 or more' },
    ])
    expect(checkJsonSchema({ type: 'object', properties: { a: { type: 'string', pattern: '(' } } })).toEqual([
      { pointer: ['properties', 'a', 'pattern'], message: expect.stringMatching(/^Not a valid regular expression/) },
    ])
    expect(
      checkJsonSchema({
        type: 'object',
        properties: { a: { type: 'string', colour: 1 }, b: { type: 'string', format: 'nope' } },
      }),
    ).toEqual([
      { pointer: ['properties', 'a', 'colour'], message: '“colour” is not a JSON Schema keyword' },
      { pointer: ['properties', 'b', 'format'], message: '“nope” is not a known format' },
    ])
    expect(checkJsonSchema({ type: 'object', properties: { a: { type: 'string', minimum: 1 } } })).toEqual([
      { pointer: ['properties', 'a', 'minimum'], message: expect.stringMatching(/minimum applies to number/) },
    ])
    expect(checkJsonSchema({ type: 'object', required: 'a' })).toEqual([
      { pointer: ['required'], message: 'required must be a list' },
    ])
    expect(checkJsonSchema([])).toEqual([{ pointer: [], message: 'The schema must be a JSON object' }])
  })

  it('puts a listed field’s problem under its input, the rest on the raw JSON', () => {
    const rows = [
      { ...blankFieldRow(), key: 'serial' },
      { ...blankFieldRow(), key: 'symptom', pattern: '(' },
    ]
    const schema = customFieldsSchemaOf({ fieldsMode: 'list', fields: rows, closed: false, rawSchema: '' })
    const problems = checkJsonSchema(schema)
    expect(schemaProblemsToFieldErrors(problems, { fieldsMode: 'list', fields: rows })).toEqual({
      'fields.1.pattern': [expect.stringMatching(/^Not a valid regular expression/)],
    })
    expect(schemaProblemsToFieldErrors(problems, { fieldsMode: 'raw', fields: [] })).toEqual({
      rawSchema: [expect.stringMatching(/^properties\/symptom\/pattern: Not a valid regular expression/)],
    })
    expect(
      schemaProblemsToFieldErrors([{ pointer: ['properties', 'quote', 'minimum'], message: 'm' }], {
        fieldsMode: 'list',
        fields: [{ ...blankFieldRow(), key: 'quote', kind: 'number' }],
      }),
    ).toEqual({ 'fields.0.min': ['m'] })
  })
})
