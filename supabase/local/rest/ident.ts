/** Qualified identifiers and their safe SQL spelling. */
import { RestError } from './errors'
export interface QI {
  schema: string
  name: string
}

export const qiKey = (q: QI) => `${q.schema}\u0000${q.name}`

/** "name" with embedded quotes doubled: any identifier the client sends is safe to splice. */
export function ident(name: string): string {
  if (name.includes('\u0000'))
    throw new RestError(400, 'PGRST100', 'Names may not contain NUL bytes', JSON.stringify(name))
  return `"${name.replace(/"/g, '""')}"`
}

export const fromQi = (q: QI) => `${ident(q.schema)}.${ident(q.name)}`
