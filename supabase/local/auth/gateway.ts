import type { IncomingMessage } from 'node:http'
import { HttpError, header } from '../http'
import { verifyJwt } from '../jwt'

/** Routes Supabase's API gateway lets through without an apikey (links opened from email, JWKS). */
const OPEN = new Set(['GET /verify', 'GET /callback', 'GET /authorize', 'GET /.well-known/jwks.json'])

const HINT = 'Double check your Supabase `anon` or `service_role` API key.'

/**
 * The API gateway's key check in front of GoTrue (Kong's key-auth in `supabase start`): every
 * other /auth/v1 route needs an apikey (header or query) signed with the project's secret.
 * Answered in the gateway's shape, not GoTrue's, as hosted Supabase does.
 */
export async function checkApiKey(req: IncomingMessage, url: URL, path: string, secret: string): Promise<void> {
  if (OPEN.has(`${req.method} ${path}`)) return
  const key = header(req, 'apikey') ?? url.searchParams.get('apikey')
  if (!key) {
    throw new HttpError(401, {
      message: 'No API key found in request',
      hint: 'No `apikey` request header or url param was found.',
    })
  }
  try {
    await verifyJwt(key, secret)
  } catch {
    throw new HttpError(401, { message: 'Invalid API key', hint: HINT })
  }
}
