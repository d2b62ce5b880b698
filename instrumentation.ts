/**
 * Runs once when the server starts. A production server (`next start`) without the service-role
 * key refuses to start, naming it (lib/env-check.ts), instead of saying Ready and failing later on
 * an invite, a webhook or a job. Node.js only: the import sits behind NEXT_RUNTIME so the edge
 * compile leaves it out (it exits the process).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { refuseToStart } = await import('./lib/env-check')
    refuseToStart(process.env)
  }
}
