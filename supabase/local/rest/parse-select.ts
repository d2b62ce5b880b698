/**
 * The `select` parameter: columns, `alias:col`, `col::cast`, json paths `col->a->>b`, `*`, and
 * embeds `alias:target!hint!inner(...)`, `...target(...)` (spread).
 */
import type { Field, JsonOp, SelectItem } from './ast'
import { RestError } from './errors'

/** Characters that end a name; `-` only ends it when it starts `->`. */
const STOP = new Set([',', '(', ')', '!', ':', '.', '"', '>', '*'])

export class Cursor {
  pos = 0
  constructor(
    readonly src: string,
    private readonly what: string,
  ) {}

  get done() {
    return this.pos >= this.src.length
  }
  peek(n = 0) {
    return this.src[this.pos + n]
  }
  startsWith(s: string) {
    return this.src.startsWith(s, this.pos)
  }
  eat(s: string): boolean {
    if (!this.startsWith(s)) return false
    this.pos += s.length
    return true
  }
  skipSpaces() {
    while (this.peek() === ' ') this.pos++
  }
  fail(expecting: string): never {
    const got = this.done ? 'end of input' : `"${this.peek()}"`
    throw new RestError(
      400,
      'PGRST100',
      `"failed to parse ${this.what} (${this.src})" (line 1, column ${this.pos + 1})`,
      `unexpected ${got} expecting ${expecting}`,
    )
  }
  expect(s: string) {
    if (!this.eat(s)) this.fail(`"${s}"`)
  }

  /** `"quoted \" name"` with backslash escapes */
  quoted(): string {
    this.expect('"')
    let out = ''
    while (!this.done && this.peek() !== '"') {
      if (this.peek() === '\\' && this.pos + 1 < this.src.length) this.pos++
      out += this.src[this.pos++]
    }
    this.expect('"')
    return out
  }

  name(): string {
    this.skipSpaces()
    if (this.peek() === '"') return this.quoted()
    const start = this.pos
    while (!this.done) {
      const c = this.peek()
      if (STOP.has(c) || (c === '-' && this.peek(1) === '>')) break
      this.pos++
    }
    const n = this.src.slice(start, this.pos).trim()
    if (!n) this.fail('a name')
    return n
  }

  /** `->key`, `->>key`, `->0`, `->-1` */
  jsonPath(): JsonOp[] {
    const path: JsonOp[] = []
    for (;;) {
      let arrow: JsonOp['arrow']
      if (this.eat('->>')) arrow = '->>'
      else if (this.eat('->')) arrow = '->'
      else return path
      const m = /^-?\d+(?![^,()!:."'>*\s-])/.exec(this.src.slice(this.pos))
      if (m) {
        this.pos += m[0].length
        path.push({ arrow, key: m[0], index: true })
      } else {
        path.push({ arrow, key: this.name(), index: false })
      }
    }
  }

  field(): Field {
    const name = this.name()
    return { name, jsonPath: this.jsonPath() }
  }
}

const CAST = /^[A-Za-z_][A-Za-z0-9_ ]*(\[\])*/
const AGGREGATES = new Set(['count', 'sum', 'avg', 'max', 'min'])

function aggregatesNotAllowed(): RestError {
  return new RestError(400, 'PGRST123', 'Use of aggregate functions is not allowed')
}

function parseItems(c: Cursor, nested: boolean): SelectItem[] {
  const items: SelectItem[] = []
  c.skipSpaces()
  if (c.done || (nested && c.peek() === ')')) return items
  for (;;) {
    items.push(parseItem(c))
    c.skipSpaces()
    if (c.eat(',')) continue
    if (c.done || (nested && c.peek() === ')')) return items
    c.fail('"," or end of input')
  }
}

function parseEmbedRest(c: Cursor, target: string, alias: string | undefined, spread: boolean): SelectItem {
  let hint: string | undefined
  let joinType: 'inner' | 'left' | undefined
  while (c.eat('!')) {
    const h = c.name()
    if (h === 'inner' || h === 'left') joinType = h
    else if (hint === undefined) hint = h
    else c.fail('"(" after the embed hint')
  }
  c.expect('(')
  const items = parseItems(c, true)
  c.expect(')')
  return { kind: 'embed', target, alias, hint, joinType, spread, items }
}

function parseItem(c: Cursor): SelectItem {
  c.skipSpaces()
  if (c.eat('...')) {
    const target = c.name()
    return parseEmbedRest(c, target, undefined, true)
  }
  if (c.eat('*')) return { kind: 'star' }
  let name = c.name()
  let alias: string | undefined
  if (c.peek() === ':' && c.peek(1) !== ':') {
    c.pos++
    alias = name
    if (c.eat('...')) return parseEmbedRest(c, c.name(), alias, true)
    name = c.name()
  }
  if (c.peek() === '(' && AGGREGATES.has(name) && c.peek(1) === ')') throw aggregatesNotAllowed()
  if (c.peek() === '!' || c.peek() === '(') return parseEmbedRest(c, name, alias, false)
  const jsonPath = c.jsonPath()
  if (c.peek() === '.' && /^\.(count|sum|avg|max|min)\(\)/.test(c.src.slice(c.pos))) throw aggregatesNotAllowed()
  let cast: string | undefined
  if (c.eat('::')) {
    const m = CAST.exec(c.src.slice(c.pos))
    if (!m) c.fail('a type name')
    cast = m[0].trim()
    c.pos += m[0].length
  }
  return { kind: 'column', field: { name, jsonPath }, cast, alias }
}

export function parseSelect(src: string): SelectItem[] {
  const c = new Cursor(src, 'select parameter')
  const items = parseItems(c, false)
  if (!c.done) c.fail('end of input')
  return items
}

/** `columns=a,"b c"` for inserts/updates. */
export function parseColumns(src: string): string[] {
  const c = new Cursor(src, 'columns parameter')
  const out: string[] = []
  for (;;) {
    out.push(c.name())
    c.skipSpaces()
    if (c.eat(',')) continue
    if (c.done) return out
    c.fail('"," or end of input')
  }
}
