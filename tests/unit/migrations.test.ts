/**
 * The migration chain: `supabase db push` records each file's version (its timestamp) once, so two
 * files with one version stop every deploy and every local stack at start — while the pgTAP runner,
 * which applies files one by one, would not notice. Caught here, in the fastest suite.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const dir = path.join(import.meta.dirname, '..', '..', 'supabase', 'migrations')
const files = readdirSync(dir).filter((f) => f.endsWith('.sql'))

describe('supabase/migrations', () => {
  it('names every file <14-digit version>_<name>.sql', () => {
    expect(files.filter((f) => !/^\d{14}_[a-z0-9_]+\.sql$/.test(f))).toEqual([])
  })

  it('gives every file its own version', () => {
    const seen = new Map<string, string[]>()
    for (const f of files) seen.set(f.slice(0, 14), [...(seen.get(f.slice(0, 14)) ?? []), f])
    expect([...seen.values()].filter((names) => names.length > 1)).toEqual([])
  })
})
