import { randomUUID } from 'node:crypto'
import { apiError } from '@/lib/floor/api-error'
import { answer, refuse, route } from '@/lib/floor/route'
import { PHOTO_BUCKET, PHOTO_MAX_BYTES, PHOTO_TYPES, UploadPhoto } from '@/lib/floor/schemas'

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/png': 'png' }

/**
 * Store one action photo (already compressed on the tablet) in Storage, bucket floor-photos, under
 * `<org_id>/<item_id>/<client_id>.<ext>`: Storage's RLS lets a member write only in their own
 * organisation's folder. Answers `{ path }` to put into the action's data.photos. Retrying with the
 * same idempotency key answers the same path without a second object.
 */
export const POST = route({
  schema: UploadPhoto,
  from: 'form',
  idempotent: true,
  timeoutMs: 20_000,
  run: async (i, ctx) => {
    const file = ctx.form?.get('file')
    if (!file || typeof file === 'string') return refuse(apiError(400, 'Attach the photo as "file"', { field: 'file' }))
    if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) {
      return refuse(apiError(415, 'Photos are JPEG, WebP or PNG', { field: 'file', type: file.type }))
    }
    if (file.size === 0 || file.size > PHOTO_MAX_BYTES) {
      return refuse(apiError(413, 'A photo is at most 5 MB: compress it on the device first', { size: file.size }))
    }
    const name = `${ctx.clientId ?? randomUUID()}.${EXT[file.type]}`
    const path = `${i.org_id}/${i.item_id}/${name}`
    const { error } = await ctx.supabase.storage.from(PHOTO_BUCKET).upload(path, file, {
      contentType: file.type,
      upsert: false,
    })
    const status = Number((error as { statusCode?: string | number } | null)?.statusCode ?? (error ? 500 : 200))
    if (error && !(status === 409 && ctx.clientId)) {
      if (status === 400 || status === 403 || status === 401) {
        // Storage answers a refused policy as 400/403 "new row violates row-level security policy"
        return refuse(apiError(403, 'You cannot store photos for that workshop', { org_id: i.org_id }))
      }
      if (status === 413) return refuse(apiError(413, 'The photo is too large for Storage'))
      console.error('[upload-photo]', error)
      return refuse(apiError(503, 'Photo storage is not reachable right now: the photo stays on the tablet'))
    }
    return answer(
      { bucket: PHOTO_BUCKET, path, size: file.size, content_type: file.type, replayed: Boolean(error) },
      error ? 200 : 201,
    )
  },
})
