#!/usr/bin/env node
/**
 * npm run dev — the local Supabase stack (embedded PGlite in .floorline/, migrated and seeded on
 * first run) and, once its API answers, `next dev` on :3000 pointed at it. Ctrl-C stops both.
 * Reuses a stack that already answers on the port (say, `npm run stack` in another terminal).
 * Env: SUPABASE_API_PORT (54321), PORT (3000), DATABASE_URL (use a real Postgres instead).
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const apiPort = Number(process.env.SUPABASE_API_PORT ?? 54321)
const appPort = Number(process.env.PORT ?? 3000)
const apiUrl = `http://127.0.0.1:${apiPort}`
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
    start('stack', bin('tsx'), ['supabase/local/main.ts'], { SUPABASE_API_PORT: String(apiPort) })
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
}

main().catch((e) => {
  console.error(`[dev] ${e instanceof Error ? e.message : e}`)
  stop(1)
})
