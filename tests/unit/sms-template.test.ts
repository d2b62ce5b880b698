/** SMS templates (lib/sms/template.ts): {NAME} placeholders checked both ways on save and on send. */
import { describe, expect, it } from 'vitest'
import { checkTemplate, fillTemplate, parseTemplate, renderTemplate } from '../../lib/sms/template'

const CONFIRM = 'Hi {NAME}, order {ORDER_NUMBER} is confirmed. Track it: {TRACKING_URL} – {NAME}'

const codes = (problems: { code: string; name: string }[]) => problems.map((p) => `${p.code}:${p.name}`)

describe('parseTemplate', () => {
  it('finds distinct placeholders in order of first use', () => {
    expect(parseTemplate(CONFIRM)).toEqual({ placeholders: ['NAME', 'ORDER_NUMBER', 'TRACKING_URL'], problems: [] })
  })

  it('leaves other braces as text and flags placeholder-like tokens with bad names', () => {
    expect(parseTemplate('Use code {OTP} {not closed, { spaced } {}').placeholders).toEqual(['OTP'])
    expect(codes(parseTemplate('Hi {name} {1ST} {name}').problems)).toEqual(['BAD_NAME:name', 'BAD_NAME:1ST'])
  })
})

describe('checkTemplate (on save)', () => {
  it('accepts a template whose declared variables are exactly its placeholders', () => {
    expect(checkTemplate(CONFIRM, ['ORDER_NUMBER', 'NAME', 'TRACKING_URL'])).toEqual([])
    expect(checkTemplate('No variables here.', [])).toEqual([])
  })

  it('refuses a placeholder that is not declared, and a declared variable never used', () => {
    expect(codes(checkTemplate(CONFIRM, ['NAME', 'ORDER_NUMBER', 'SHOP']))).toEqual([
      'UNDECLARED:TRACKING_URL',
      'UNUSED:SHOP',
    ])
  })

  it('refuses bad and duplicate declarations', () => {
    expect(codes(checkTemplate('Hi {NAME}', ['NAME', 'NAME', 'bad name']))).toEqual([
      'DUPLICATE:NAME',
      'BAD_NAME:bad name',
    ])
  })

  it('says what is wrong in a sentence', () => {
    const [problem] = checkTemplate('Hi {NAME}', [])
    expect(problem.message).toBe('{NAME} is used in the message but not declared.')
  })
})

describe('renderTemplate (on send)', () => {
  const values = { NAME: 'Ana', ORDER_NUMBER: 'B-1042', TRACKING_URL: 'https://x.test/t/abc' }

  it('renders every occurrence', () => {
    expect(renderTemplate(CONFIRM, values)).toEqual({
      ok: true,
      text: 'Hi Ana, order B-1042 is confirmed. Track it: https://x.test/t/abc – Ana',
    })
  })

  it('refuses missing (or blank) values and extra ones', () => {
    const result = renderTemplate(CONFIRM, { NAME: 'Ana', ORDER_NUMBER: '  ', SHOP: 'Birch' })
    expect(result.ok).toBe(false)
    if (!result.ok)
      expect(codes(result.problems)).toEqual(['MISSING:ORDER_NUMBER', 'MISSING:TRACKING_URL', 'EXTRA:SHOP'])
  })

  it('inserts a value containing braces literally, never expanding it', () => {
    expect(renderTemplate('Hi {NAME}', { NAME: '{NAME}{X}' })).toEqual({ ok: true, text: 'Hi {NAME}{X}' })
  })
})

describe('fillTemplate (preview)', () => {
  it('fills what is given and leaves the rest visible', () => {
    expect(fillTemplate(CONFIRM, { NAME: 'Ana' })).toBe(
      'Hi Ana, order {ORDER_NUMBER} is confirmed. Track it: {TRACKING_URL} – Ana',
    )
  })
})
