#!/usr/bin/env node
// Reads `supabase db advisors --output-format json` on stdin, lists every finding, and exits 1
// when any SECURITY finding is at WARN or ERROR level (INFO findings are shown, not fatal).
let text = ''
for await (const chunk of process.stdin) text += chunk
let results
try {
  results = JSON.parse(text).results ?? []
} catch {
  console.error(`could not parse the advisors' output:\n${text.slice(0, 2000)}`)
  process.exit(1)
}
const fatal = results.filter((r) => r.categories?.includes('SECURITY') && ['WARN', 'ERROR'].includes(r.level))
for (const r of results) {
  const mark = fatal.includes(r) ? '✗' : '·'
  console.log(`${mark} ${r.level} ${r.categories?.join('/')} ${r.name}: ${r.detail}\n    ${r.remediation}`)
}
console.log(
  results.length === 0
    ? 'no advisor findings'
    : `${results.length} finding(s), ${fatal.length} security warning(s) or error(s)`,
)
process.exit(fatal.length > 0 ? 1 : 0)
