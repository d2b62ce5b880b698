/**
 * SMS templates with {NAME} placeholders (spec 03 §1.2: `variables` is the declared list, e.g.
 * ["NAME", "ORDER_NUMBER"]). A placeholder is a brace pair around letters, digits and '_';
 * names are capitals, digits and '_' starting with a capital, at most 32 characters. Other braces
 * are plain text ({ and } are in the GSM extension table, so a workshop may well type them).
 *
 * The same checks run in the database on save (sms-core's migration owns the enforcement); this
 * file is what the editor and the send path use to explain a refusal before the round trip.
 * Rendering is one pass: a value that itself contains "{X}" is inserted literally, never expanded.
 */

export const PLACEHOLDER_NAME = /^[A-Z][A-Z0-9_]{0,31}$/
const TOKEN = /\{([A-Za-z0-9_]+)\}/g

export type TemplateProblemCode = 'BAD_NAME' | 'DUPLICATE' | 'UNDECLARED' | 'UNUSED' | 'MISSING' | 'EXTRA'

export interface TemplateProblem {
  code: TemplateProblemCode
  name: string
  message: string
}

export interface ParsedTemplate {
  /** Distinct valid placeholder names in order of first use. */
  placeholders: string[]
  /** Tokens that look like placeholders but are not valid names ({name}, {1ST}). */
  problems: TemplateProblem[]
}

export function parseTemplate(message: string): ParsedTemplate {
  const placeholders: string[] = []
  const problems: TemplateProblem[] = []
  const seenBad = new Set<string>()
  for (const match of message.matchAll(TOKEN)) {
    const name = match[1]
    if (PLACEHOLDER_NAME.test(name)) {
      if (!placeholders.includes(name)) placeholders.push(name)
    } else if (!seenBad.has(name)) {
      seenBad.add(name)
      problems.push({
        code: 'BAD_NAME',
        name,
        message: `{${name}}: placeholder names are capital letters, digits and _, starting with a letter (like {ORDER_NUMBER}).`,
      })
    }
  }
  return { placeholders, problems }
}

/** Save-time check, both ways: every placeholder declared, every declared variable used. */
export function checkTemplate(message: string, declared: readonly string[]): TemplateProblem[] {
  const { placeholders, problems } = parseTemplate(message)
  const seen = new Set<string>()
  for (const name of declared) {
    if (!PLACEHOLDER_NAME.test(name)) {
      problems.push({ code: 'BAD_NAME', name, message: `'${name}' is not a valid variable name (like ORDER_NUMBER).` })
    } else if (seen.has(name)) {
      problems.push({ code: 'DUPLICATE', name, message: `${name} is declared twice.` })
    }
    seen.add(name)
  }
  for (const name of placeholders) {
    if (!seen.has(name)) {
      problems.push({ code: 'UNDECLARED', name, message: `{${name}} is used in the message but not declared.` })
    }
  }
  for (const name of seen) {
    if (PLACEHOLDER_NAME.test(name) && !placeholders.includes(name)) {
      problems.push({ code: 'UNUSED', name, message: `${name} is declared but the message never uses {${name}}.` })
    }
  }
  return problems
}

export type RenderResult = { ok: true; text: string } | { ok: false; problems: TemplateProblem[] }

/**
 * Send-time render: every placeholder given a value (an empty string counts as missing: a text
 * saying "Hi , your order" is worse than a refusal), no value that the template does not use.
 */
export function renderTemplate(message: string, values: Readonly<Record<string, string>>): RenderResult {
  const { placeholders, problems } = parseTemplate(message)
  for (const name of placeholders) {
    const value = values[name]
    if (value === undefined || value.trim() === '') {
      problems.push({ code: 'MISSING', name, message: `No value for {${name}}.` })
    }
  }
  for (const name of Object.keys(values)) {
    if (!placeholders.includes(name)) {
      problems.push({ code: 'EXTRA', name, message: `${name} is not used by this template.` })
    }
  }
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, text: fillTemplate(message, values) }
}

/** Preview: substitutes what is given and leaves other placeholders visible as {NAME}. */
export function fillTemplate(message: string, values: Readonly<Record<string, string>>): string {
  return message.replace(TOKEN, (token, name: string) =>
    PLACEHOLDER_NAME.test(name) && Object.hasOwn(values, name) ? values[name] : token,
  )
}
