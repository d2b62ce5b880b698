import type { StackConfig } from '../config'
import { ERRORS } from './errors'

/** Supabase's default global upload limit (config.toml `[storage] file_size_limit = "50MiB"`). */
export const DEFAULT_FILE_SIZE_LIMIT = 50 * 1024 * 1024

/** Signed upload URLs live two hours, storage-api's uploadSignedUrlExpirationTime default. */
export const SIGNED_UPLOAD_EXPIRY_SECONDS = 2 * 60 * 60

/** The global limit; read per request so tests (and a running dev stack) can change it. */
export function globalFileSizeLimit(cfg: StackConfig): number {
  const v = cfg.storageFileSizeLimit
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : DEFAULT_FILE_SIZE_LIMIT
}

/** The limit for one upload: the bucket's when it has one, never above the global one. */
export function uploadLimit(cfg: StackConfig, bucketLimit: string | null): number {
  const global = globalFileSizeLimit(cfg)
  return bucketLimit === null ? global : Math.min(Number(bucketLimit), global)
}

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
}

/** A bucket's file_size_limit: bytes as a number, or a string like "20MB" / "5MiB" (storage-api's parser). */
export function parseFileSize(v: unknown): number | null {
  if (v === null) return null
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) throw ERRORS.invalidFileSizeLimit()
    return v
  }
  if (typeof v !== 'string') throw ERRORS.invalidFileSizeLimit()
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v)
  const unit = UNITS[(m?.[2] || 'b').toLowerCase()]
  if (!m || !unit) throw ERRORS.invalidFileSizeLimit()
  return Math.floor(Number(m[1]) * unit)
}

/**
 * storage-api's validateMimeType: `type/subtype` must be listed, or `type/*`. Parameters such as
 * `;charset=UTF-8` are ignored here (storage-api compares them too, which refuses storage-js's
 * default `text/plain;charset=UTF-8` against an allowed `text/plain`).
 */
export function checkMimeType(mime: string, allowed: string[] | null): void {
  if (!allowed || allowed.length === 0) return
  const [type, sub] = mime.split(';')[0].trim().toLowerCase().split('/')
  if (!type || !sub) throw ERRORS.invalidMimeType(mime)
  for (const a of allowed) {
    const [at, as] = a.split(';')[0].trim().toLowerCase().split('/')
    if (at === type && (as === '*' || as === sub)) return
  }
  throw ERRORS.invalidMimeType(mime)
}
