import type { NextRequest } from 'next/server'
import { type ClientIpPolicy, clientIp, clientIpPolicy, createLimiter } from './rate-limit'

// 20 pages at once, then one every 3 seconds per address: a customer refreshing never notices,
// someone walking token space from one address gets 20 a minute.
const limiter = createLimiter({ capacity: 20, refillPerSecond: 1 / 3 })

// read once per process; a bad value is reported and the safe default (no proxy) applies
let policy: ClientIpPolicy
try {
  policy = clientIpPolicy()
} catch (error) {
  console.error(`[tracking] ${error instanceof Error ? error.message : error}; using 0 (no proxy)`)
  policy = { header: null, hops: 0 }
}

/** Called by proxy.ts for /track/*: a 429 page when this address asked too often, else null. */
export function trackingGate(request: NextRequest): Response | null {
  const { allowed, retryAfterSeconds } = limiter.take(clientIp(request.headers, policy))
  if (allowed) return null
  return new Response(tooManyPage(retryAfterSeconds), {
    status: 429,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'retry-after': String(retryAfterSeconds),
      'cache-control': 'no-store',
    },
  })
}

/** A self-contained page (no app bundle): the limiter answers before anything renders. */
function tooManyPage(seconds: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Slow down a little · Order tracking</title>
<style>
:root{color-scheme:light dark;--bg:#fafafa;--card:#fff;--fg:#18181b;--muted:#52525b;--line:#e4e4e7;--accent:oklch(0.5 0.16 250)}
@media (prefers-color-scheme:dark){:root{--bg:#09090b;--card:#18181b;--fg:#fafafa;--muted:#a1a1aa;--line:#27272a;--accent:oklch(0.68 0.14 250)}}
*{box-sizing:border-box}body{margin:0;min-height:100dvh;display:grid;place-items:center;padding:24px;background:var(--bg);color:var(--fg);
font:16px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:26rem;width:100%;background:var(--card);border:1px solid var(--line);border-radius:20px;padding:32px 24px;text-align:center}
.icon{width:56px;height:56px;margin:0 auto 16px;border-radius:16px;display:grid;place-items:center;background:color-mix(in oklch,var(--accent) 14%,transparent);color:var(--accent)}
h1{font-size:1.35rem;margin:0 0 8px;letter-spacing:-.01em}p{margin:0;color:var(--muted)}
a{display:inline-block;margin-top:24px;padding:10px 18px;border-radius:10px;background:var(--accent);color:#fff;text-decoration:none;font-weight:600}
</style></head><body><main>
<div class="icon" aria-hidden="true"><svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/></svg></div>
<h1>Slow down a little</h1>
<p>We had a lot of tracking requests from your connection. Your order is fine — try again in ${seconds} second${seconds === 1 ? '' : 's'}.</p>
<a href="">Try again</a>
</main></body></html>`
}
