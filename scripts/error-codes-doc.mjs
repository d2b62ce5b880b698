#!/usr/bin/env node
// npm run docs:errors — rewrites the code table in docs/errors.md (between <!-- error-codes:start -->
// and <!-- error-codes:end -->) from app.error_codes, the one list of machine error codes.
//   node scripts/error-codes-doc.mjs            migrates a throwaway Postgres 15 (as types:gen does) and writes
//   node scripts/error-codes-doc.mjs URL        reads app.error_codes from a migrated database URL and writes
//   node scripts/error-codes-doc.mjs URL --check  (npm test) fails, naming the command, when the table drifted
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const DOC = join(ROOT, 'docs/errors.md')
const START = '<!-- error-codes:start -->'
const END = '<!-- error-codes:end -->'

function readCodes(url) {
  const out = execFileSync(
    'psql',
    [url, '-XAtq', '-F', '\t', '-c', 'select code, status, meaning from app.error_codes order by status, code'],
    { encoding: 'utf8' },
  )
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [code, status, meaning] = line.split('\t')
      return { code, status, meaning }
    })
}

function table(codes) {
  const cell = (s) => s.replaceAll('|', '\\|')
  return [
    '| code | status | meaning |',
    '| --- | --- | --- |',
    ...codes.map((c) => `| \`${c.code}\` | ${c.status} | ${cell(c.meaning)} |`),
  ].join('\n')
}

function withTable(doc, codes) {
  const a = doc.indexOf(START)
  const b = doc.indexOf(END)
  if (a < 0 || b < a) throw new Error(`docs/errors.md has no ${START} … ${END} block`)
  return `${doc.slice(0, a + START.length)}\n${table(codes)}\n${doc.slice(b)}`
}

// A throwaway cluster migrated through the Supabase CLI (scripts/lib/db.sh), as npm run types:gen uses.
function withThrowawayDb(fn) {
  const dir = `/tmp/floorline-error-codes-pg-${process.pid}`
  const started = execFileSync('bash', [join(ROOT, 'scripts/pg-cluster.sh'), 'start', dir], { encoding: 'utf8' })
  const url = started.match(/PG_URL=(\S+)/)?.[1]
  try {
    if (!url) throw new Error(`pg-cluster.sh printed no PG_URL: ${started}`)
    execFileSync('bash', ['-c', 'source scripts/lib/db.sh && db_bootstrap "$1" && db_push "$1" >/dev/null', '_', url], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    return fn(url)
  } finally {
    execFileSync('bash', [join(ROOT, 'scripts/pg-cluster.sh'), 'stop', dir])
  }
}

const [url, flag] = process.argv.slice(2)
const codes = url ? readCodes(url) : withThrowawayDb(readCodes)
const doc = readFileSync(DOC, 'utf8')
const next = withTable(doc, codes)
if (flag === '--check') {
  if (next !== doc) {
    console.log("docs/errors.md's code table does not match app.error_codes. Regenerate it: npm run docs:errors")
    process.exit(1)
  }
  console.log(`docs/errors.md lists the ${codes.length} codes of app.error_codes`)
} else {
  writeFileSync(DOC, next)
  console.log(`wrote ${codes.length} codes to docs/errors.md`)
}
