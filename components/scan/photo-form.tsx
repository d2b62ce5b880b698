'use client'
import { useState } from 'react'
import { Alert } from '@/components/common/alert'
import { Button } from '@/components/ui'
import { floorApi, newClientId } from '@/lib/floor/client'
import { count } from '@/lib/format'
import { compressPhoto } from '@/lib/scan/compress'
import { idbPhotoStore, photoPath } from '@/lib/sync/photo-store'
import type { ActionFormProps } from './use-action-form'

interface Shot {
  path: string
  url: string
  kb: number
  /** Taken without a connection: waits on the tablet, uploaded before the queue syncs. */
  waiting?: boolean
}

/**
 * Photos for a photo action: the camera app (capture), compressed on the tablet (≤ 1600 px JPEG),
 * uploaded to Storage through /api/disco/upload-photo, then the action is saved with their paths.
 * No typed fields: what it holds is the upload's state, so it needs no form library.
 */
export function PhotoForm({ action, item, onSubmit }: ActionFormProps) {
  const min = typeof action.config.min_photos === 'number' ? action.config.min_photos : 1
  const max = typeof action.config.max_photos === 'number' ? action.config.max_photos : 10
  const [shots, setShots] = useState<Shot[]>([])
  const [uploading, setUploading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const save = async () => {
    setSaving(true)
    setError(null)
    const failure = await onSubmit({ data: { photos: shots.map((s) => s.path) } })
    setSaving(false)
    if (failure) setError(failure.fieldErrors?.['data.photos']?.[0] ?? failure.message)
  }

  const add = async (files: FileList | null) => {
    if (!files?.length) return
    setUploading(true)
    setError(null)
    try {
      for (const file of Array.from(files).slice(0, max - shots.length)) {
        const small = await compressPhoto(file)
        const form = new FormData()
        form.set('org_id', item.org_id)
        form.set('item_id', item.id)
        form.set('file', new File([small.blob], 'photo.jpg', { type: 'image/jpeg' }))
        const clientId = newClientId()
        const r = await floorApi<{ path: string }>('/upload-photo', {
          form,
          idempotencyKey: clientId,
          timeoutMs: 30_000,
        })
        if (!r.ok && r.offline) {
          // no connection: the photo waits on the tablet under this client id; its path is known now
          const path = photoPath(item.org_id, item.id, clientId)
          await idbPhotoStore().put({
            id: clientId,
            org_id: item.org_id,
            item_id: item.id,
            path,
            blob: small.blob,
            created_at: new Date().toISOString(),
            attempts: 0,
          })
          const kb = Math.round(small.blob.size / 1024)
          setShots((s) => [...s, { path, url: URL.createObjectURL(small.blob), kb, waiting: true }])
          continue
        }
        if (!r.ok) {
          setError(r.message)
          break
        }
        const path = r.data.path
        setShots((s) => [...s, { path, url: URL.createObjectURL(small.blob), kb: Math.round(small.blob.size / 1024) }])
      }
    } catch (e) {
      setError(`The photo could not be prepared: ${(e as Error).message}`)
    } finally {
      setUploading(false)
    }
  }

  return (
    <div className="flex flex-col gap-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <ul className="grid grid-cols-3 gap-2">
        {shots.map((s) => (
          <li key={s.path} className="relative">
            {/* biome-ignore lint/performance/noImgElement: a local object URL of the photo just taken */}
            <img
              src={s.url}
              alt={`Shot ${shots.indexOf(s) + 1} for ${item.number}`}
              className="aspect-square w-full rounded-xl object-cover"
            />
            <span className="absolute right-1 bottom-1 rounded bg-black/60 px-1 text-xs text-white">
              {s.waiting ? `${s.kb} KB · on the tablet` : `${s.kb} KB`}
            </span>
          </li>
        ))}
      </ul>
      {shots.length < max ? (
        <label className="flex min-h-14 cursor-pointer items-center justify-center rounded-xl border-2 border-dashed border-zinc-300 text-lg font-medium dark:border-zinc-700">
          {uploading ? 'Uploading…' : shots.length ? 'Take another photo' : 'Take a photo'}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            className="sr-only"
            disabled={uploading}
            onChange={(e) => {
              void add(e.target.files)
              e.target.value = ''
            }}
          />
        </label>
      ) : null}
      <Button
        size="touch"
        className="h-14 text-lg"
        disabled={shots.length < min || uploading}
        pending={saving}
        onClick={() => void save()}
      >
        Save {count(shots.length, 'photo')}
      </Button>
    </div>
  )
}
