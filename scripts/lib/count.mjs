#!/usr/bin/env node
// Prints "passed failed skipped" for one runner's result file, for scripts/test-all.sh.
//   node count.mjs vitest FILE.json | playwright FILE.json | pg_prove FILE.log
// A runner that crashed before reporting counts as one failure, never as zero tests.
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

/** @param {string} text vitest's JSON report @returns {[number, number, number]} */
export function vitest(text) {
  if (!text) return [0, 1, 0]
  const r = JSON.parse(text)
  // a file that failed to load or whose hooks threw has no failed test but is still a failure
  const brokenFiles = (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length
  return [r.numPassedTests, r.numFailedTests + brokenFiles, (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)]
}

/** @param {string} text Playwright's JSON report @returns {[number, number, number]} */
export function playwright(text) {
  if (!text) return [0, 1, 0]
  const r = JSON.parse(text)
  const s = r.stats ?? {}
  const failed = (s.unexpected ?? 0) + (s.flaky ?? 0)
  // errors outside tests (webServer did not start, config error)
  const global = (r.errors ?? []).length > 0 && failed === 0 ? 1 : 0
  return [s.expected ?? 0, failed + global, s.skipped ?? 0]
}

/** @param {string} text pg_prove --verbose output @returns {[number, number, number]} */
export function pgProve(text) {
  if (!text) return [0, 1, 0]
  const total = Number(/^Files=\d+, Tests=(\d+)/m.exec(text)?.[1] ?? 0)
  let failed = 0
  // "x.test.sql (Wstat: 0 Tests: 5 Failed: 2)"; Failed: 0 there means a parse error (bad plan, died)
  for (const m of text.matchAll(/\(Wstat: \d+ Tests: \d+ Failed: (\d+)\)/g)) failed += Number(m[1]) || 1
  const skipped = [...text.matchAll(/^ok \d+ .*# skip/gim)].length
  const ok = /^Result: PASS/m.test(text)
  if (!ok && failed === 0) failed = 1
  return [Math.max(total - failed - skipped, 0), failed, skipped]
}

function main() {
  const [kind, file] = process.argv.slice(2)
  const counters = { vitest, playwright, pg_prove: pgProve }
  const count = counters[kind]
  if (!count) {
    console.error(`unknown runner ${kind}`)
    process.exit(2)
  }
  let text = ''
  try {
    text = readFileSync(file, 'utf8')
  } catch {}
  try {
    console.log(count(text).join(' '))
  } catch (e) {
    console.error(`could not read ${kind} results from ${file}: ${e.message}`)
    console.log('0 1 0')
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main()
