import 'server-only'
import { after } from 'next/server'

/**
 * Work to run once the response has gone (Next's after()). Outside a request scope — a test or a
 * script calling the handler directly — after() throws; the work then starts at once instead,
 * unawaited, which is what the caller of a fire-and-forget wanted anyway.
 */
export type Later = (task: () => Promise<unknown>) => void

export const afterResponse: Later = (task) => {
  const run = () =>
    task().catch((error: unknown) => {
      console.error('[sms] background work failed:', error instanceof Error ? error.message : error)
    })
  try {
    after(run)
  } catch {
    void run()
  }
}
