#!/usr/bin/env node
/**
 * npm run dev — the local Supabase stack (embedded PGlite in .floorline/, migrated and seeded on
 * first run) and, once its API answers, `next dev` on :3000 pointed at it. Ctrl-C stops both.
 * Reuses a stack that already answers on the port (say, `npm run stack` in another terminal).
 * Env: SUPABASE_API_PORT (54321), PORT (3000), DATABASE_URL (use a real Postgres instead),
 * FLOORLINE_HOST: where the stack listens besides this machine. Unset = 127.0.0.1 only (the demo
 * keys are public: the LAN is opted into). `0.0.0.0` = every interface, or one LAN address/name:
 * tablets on the workshop network then reach the app and, from the page they opened, the stack
 * (lib/env.ts: a loopback Supabase URL takes the page's host in the browser). README, "Try it on
 * your tablets". next dev itself listens on every interface and accepts this machine's addresses
 * (next.config.ts, lib/dev-origins.ts).
 */
import { spawn } from 'node:child_process'
import { networkInterfaces } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const apiPort = Number(process.env.SUPABASE_API_PORT ?? 54321)
const appPort = Number(process.env.PORT ?? 3000)
const lanHost = process.env.FLOORLINE_HOST?.trim() || ''
const listenHost = lanHost || '127.0.0.1'
const everyInterface = ['0.0.0.0', '::', '[::]'].includes(listenHost)
// this machine reaches a stack on every interface at loopback; a single address only at itself
const apiHost = everyInterface ? '127.0.0.1' : listenHost.includes(':') ? `[${listenHost}]` : listenHost
const apiUrl = `http://${apiHost}:${apiPort}`

/** This machine's LAN addresses (IPv4), for the "open this on a tablet" line. */
function lanAddresses() {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i.address)
}
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const children = new Set()
let stopping = false

function start(name, command, args, env) {
  // own process group, so stopping reaches next dev's workers and tsx's node too
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit', detached: true })
  children.add(child)
  child.on('exit', (code, signal) => {
    children.delete(child)
    if (!stopping) {
      console.error(`[dev] ${name} exited (${signal ?? code}); stopping`)
      stop(code || 1)
    }
  })
  return child
}

function stop(code = 0) {
  if (stopping) return
  stopping = true
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {}
  }
  const deadline = setTimeout(() => {
    for (const child of children) {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {}
    }
    process.exit(code)
  }, 5000)
  deadline.unref()
  const wait = setInterval(() => {
    if (children.size === 0) process.exit(code)
  }, 100)
  wait.unref()
}

process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

/** Any HTTP answer means the stack is listening (it listens only after migrate + seed). */
async function answers(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) })
    return true
  } catch {
    return false
  }
}

async function main() {
  if (await answers(`${apiUrl}/auth/v1/health`)) {
    console.log(`[dev] using the local stack already running at ${apiUrl}`)
  } else {
    start('stack', bin('tsx'), ['supabase/local/main.ts'], {
      SUPABASE_API_PORT: String(apiPort),
      SUPABASE_API_HOST: listenHost,
    })
    const started = Date.now()
    while (!(await answers(`${apiUrl}/auth/v1/health`))) {
      if (stopping) return
      if (Date.now() - started > 180_000) {
        console.error(`[dev] the stack did not answer at ${apiUrl} within 3 minutes`)
        return stop(1)
      }
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  start('next dev', bin('next'), ['dev', '-p', String(appPort)], {
    NEXT_PUBLIC_SUPABASE_URL: process.env.NEXT_PUBLIC_SUPABASE_URL ?? apiUrl,
    NEXT_TELEMETRY_DISABLED: '1',
  })
  console.log(`[dev] app: http://localhost:${appPort}  ·  API: ${apiUrl}  ·  Ctrl-C stops both`)
  const lan = lanAddresses()
  if (!lanHost) {
    console.log('[dev] tablets on this network: FLOORLINE_HOST=0.0.0.0 npm run dev (README, "Try it on your tablets")')
  } else if (everyInterface) {
    for (const ip of lan) console.log(`[dev] on a tablet: http://${ip}:${appPort}`)
  } else {
    console.log(`[dev] on a tablet: http://${apiHost}:${appPort}`)
  }
}

main().catch((e) => {
  console.error(`[dev] ${e instanceof Error ? e.message : e}`)
  stop(1)
})
