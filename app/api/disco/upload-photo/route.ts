import { failWith } from '@/lib/errors'
import { PHOTO_BUCKET, PHOTO_MAX_BYTES, PHOTO_TYPES, UploadPhoto } from '@/lib/floor/schemas'
import { answer, route } from '@/lib/route'

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
    if (!file || typeof file === 'string') {
      const message = 'Attach the photo as "file"'
      return failWith('VALIDATION_FAILED', message, { fieldErrors: { file: [message] }, details: { field: 'file' } })
    }
    if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) {
      return failWith('UNSUPPORTED_MEDIA_TYPE', 'Photos are JPEG, WebP or PNG', {
        details: { field: 'file', type: file.type },
      })
    }
    if (file.size === 0 || file.size > PHOTO_MAX_BYTES) {
      return failWith('PAYLOAD_TOO_LARGE', 'A photo is at most 5 MB: compress it on the device first', {
        details: { size: file.size },
      })
    }
    // the idempotency key names the object: a retry finds it there (409) and answers the same path
    const name = `${ctx.clientId}.${EXT[file.type]}`
    const path = `${i.org_id}/${i.item_id}/${name}`
    const { error } = await ctx.supabase.storage.from(PHOTO_BUCKET).upload(path, file, {
      contentType: file.type,
      upsert: false,
    })
    const status = Number((error as { statusCode?: string | number } | null)?.statusCode ?? (error ? 500 : 200))
    if (error && status !== 409) {
      if (status === 400 || status === 403 || status === 401) {
        // Storage answers a refused policy as 400/403 "new row violates row-level security policy"
        return failWith('FORBIDDEN', 'You cannot store photos for that workshop', { details: { org_id: i.org_id } })
      }
      if (status === 413) return failWith('PAYLOAD_TOO_LARGE', 'The photo is too large for Storage')
      console.error('[upload-photo]', error)
      return failWith('UNAVAILABLE', 'Photo storage is not reachable right now: the photo stays on the tablet')
    }
    return answer(
      { bucket: PHOTO_BUCKET, path, size: file.size, content_type: file.type, replayed: Boolean(error) },
      error ? 200 : 201,
    )
  },
})
