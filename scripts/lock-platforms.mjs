#!/usr/bin/env node
/**
 * Adds lock entries for the other platforms' optional native packages (biome, next's swc,
 * tailwind's oxide, the supabase CLI…) that package-lock.json lacks when it was written through a
 * registry that serves only this platform's binaries. Without them `npm ci` refuses the lock as
 * "out of sync" ("Missing: @biomejs/cli-darwin-arm64@ from lock file"). Each entry names its
 * version and platform, so npm skips it on every other machine, exactly as with a full lock.
 *   node scripts/lock-platforms.mjs          fix package-lock.json in place
 *   node scripts/lock-platforms.mjs --check  exit 1 if entries are missing
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const file = path.join(import.meta.dirname, '..', 'package-lock.json')
const lock = JSON.parse(readFileSync(file, 'utf8'))
const pkgs = lock.packages
const present = new Set(Object.keys(pkgs).map((k) => k.split('node_modules/').pop()))
const OS = {
  android: 'android',
  darwin: 'darwin',
  linux: 'linux',
  win32: 'win32',
  windows: 'win32',
  freebsd: 'freebsd',
}

const added = []
for (const meta of Object.values(pkgs)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    if (present.has(name)) continue
    // names end in <os>-<cpu>[-<abi>] (cli-darwin-arm64, oxide-linux-x64-musl) or wasm32-wasi
    const parts = name.split('/').pop().split('-')
    const wasm = parts.indexOf('wasm32')
    const at = parts.findIndex((p) => p in OS)
    if (wasm < 0 && at < 0) throw new Error(`cannot tell the platform of ${name}; add its lock entry by hand`)
    const entry = { version }
    if (meta.dev) entry.dev = true
    entry.optional = true
    if (wasm >= 0) entry.cpu = ['wasm32']
    else {
      entry.cpu = [parts[at + 1]]
      entry.os = [OS[parts[at]]]
      if (parts[at + 2] === 'musl') entry.libc = ['musl']
    }
    pkgs[`node_modules/${name}`] = entry
    present.add(name)
    added.push(name)
  }
}

if (process.argv.includes('--check')) {
  if (added.length) {
    console.error(`package-lock.json lacks ${added.length} platform entries (${added.slice(0, 3).join(', ')}…).`)
    console.error('Fix: node scripts/lock-platforms.mjs && npm install --package-lock-only')
    process.exit(1)
  }
  process.exit(0)
}
lock.packages = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
)
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`)
console.log(added.length ? `added ${added.length} lock entries: ${added.join(', ')}` : 'package-lock.json is complete')
