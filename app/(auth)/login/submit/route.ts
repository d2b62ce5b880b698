import { z } from 'zod'
import { SignInInput, safeNextPath } from '@/lib/auth/schema'
import { signInWithPassword } from '@/lib/auth/sign-in'
import { answer, route } from '@/lib/route'

// What the browser posts: anything, so a bad field still gets the page back (with the reason), not JSON
const Posted = z.object({
  email: z.string().max(1000).optional(),
  password: z.string().max(1000).optional(),
  next: z.string().max(2000).optional(),
})

/** The sign-in page again, naming what went wrong (a reason key, never what was typed). */
function back(reason: string, next?: string, wait?: number): ReturnType<typeof answer> {
  const q = new URLSearchParams({ error: reason })
  const safe = safeNextPath(next)
  if (safe) q.set('next', safe)
  if (wait) q.set('wait', String(wait))
  return answer(null, 303, { location: `/login?${q}` })
}

/**
 * The sign-in form without JavaScript (issue 10: a page that never hydrated submitted the form as
 * GET, and the password landed in the URL and the server log). The form posts here as
 * multipart/form-data; the same sign-in as the server action runs (lib/auth/sign-in.ts), and the
 * answer is a 303: to where the person lands, or back to /login with a reason key. Only same-origin
 * posts are taken: a cross-site form must not sign a browser into someone else's account.
 */
export const POST = route({
  schema: Posted,
  from: 'form',
  auth: 'none',
  maxBytes: 16 * 1024,
  run: async (posted, { request }) => {
    // the host the browser addressed (a proxy in front names it in x-forwarded-host)
    const origin = request.headers.get('origin')
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host')
    if (origin && origin !== 'null' && host && new URL(origin).host !== host) return back('cross-site')
    const input = SignInInput.safeParse(posted)
    if (!input.success) return back('invalid', posted.next)
    const r = await signInWithPassword(input.data)
    if (r.ok) return answer(null, 303, { location: r.data.landing })
    if (r.code === 'RATE_LIMITED') return back('throttled', posted.next, r.retryAfter)
    if (r.code === 'NOT_SIGNED_IN')
      return back(r.message.startsWith('Confirm') ? 'unconfirmed' : 'no-match', posted.next)
    return back('unavailable', posted.next)
  },
})
