/**
 * npm run bench — runs every bench/*.ts (except this file) one after another, each in its own
 * process so one bench's state cannot colour the next. Add a bench by adding a file here.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'

const dir = import.meta.dirname
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .sort()
let failed = 0
for (const file of benches) {
  console.log(`\n=== ${file}`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, file)], { stdio: 'inherit' })
  if (r.status !== 0) failed++
}
process.exit(failed > 0 ? 1 : 0)
