/**
 * Storage's error shape, as storage-api renders it (src/internal/errors/codes.ts, src/http/error-handler.ts):
 * a body `{statusCode, code, error, message}` whose `statusCode` is the real status as a string, sent
 * with HTTP **400** for every 4xx (500 stays 500) — a legacy choice of Supabase Storage that
 * storage-js relies on: `error.status` is the HTTP status, `error.statusCode` the one in the body.
 * Only what this stack adds (501 for unsupported features) uses the body status as HTTP status too.
 */
import { isPgError } from '../db/types'

export class StorageError extends Error {
  constructor(
    /** The status storage-api reports in the body. */
    readonly statusCode: number,
    /** ErrorCode (NoSuchKey, AccessDenied, …). */
    readonly code: string,
    /** The legacy `error` field (not_found, Duplicate, …); defaults to the code. */
    readonly error: string,
    message: string,
    /** HTTP status; storage-api sends 400 for anything but 500. */
    readonly httpStatus: number = statusCode === 500 ? 500 : 400,
  ) {
    super(message)
  }

  body(): Record<string, string> {
    return { statusCode: String(this.statusCode), code: this.code, error: this.error, message: this.message }
  }
}

const err = (statusCode: number, code: string, error: string | undefined, message: string) =>
  new StorageError(statusCode, code, error ?? code, message)

/** The ERRORS factory of storage-api, limited to what this subset raises. */
export const ERRORS = {
  noSuchBucket: () => err(404, 'NoSuchBucket', 'Bucket not found', 'Bucket not found'),
  noSuchKey: () => err(404, 'NoSuchKey', 'not_found', 'Object not found'),
  accessDenied: (message = 'Access denied') => err(403, 'AccessDenied', 'Unauthorized', message),
  invalidJwt: (message = 'Invalid JWT') => err(400, 'InvalidJWT', undefined, message),
  invalidSignature: (message = 'Invalid signature') => err(400, 'InvalidSignature', undefined, message),
  expiredSignature: () => err(400, 'ExpiredToken', undefined, 'The provided token has expired.'),
  duplicate: () => err(409, 'ResourceAlreadyExists', 'Duplicate', 'The resource already exists'),
  bucketNotEmpty: () => err(409, 'ResourceNotEmpty', undefined, 'The bucket you tried to delete is not empty'),
  unableToEmptyBucket: (message: string) => err(409, 'InvalidRequest', undefined, message),
  invalidKey: (key: string) => err(400, 'InvalidKey', undefined, `Invalid key: ${key}`),
  invalidBucketName: () => err(400, 'InvalidBucketName', 'Invalid Input', 'Bucket name invalid'),
  invalidMimeType: (mime: string) =>
    err(415, 'InvalidMimeType', 'invalid_mime_type', `mime type ${mime} is not supported`),
  entityTooLarge: (entity = 'object') =>
    err(413, 'EntityTooLarge', 'Payload too large', `The ${entity} exceeded the maximum allowed size`),
  invalidFileSizeLimit: () =>
    err(400, 'InvalidRequest', undefined, 'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B'),
  noContent: () => err(400, 'InvalidRequest', undefined, 'No content provided'),
  invalidRange: () => err(400, 'InvalidRange', 'invalid_range', 'invalid range provided'),
  /** Request validation (storage-api's Fastify JSON schemas answer these). */
  badRequest: (message: string) => err(400, 'InvalidRequest', 'Bad Request', message),
  relatedNotFound: () => err(404, 'InvalidRequest', undefined, 'The related resource does not exist'),
  internal: (message = 'Internal server error') => err(500, 'InternalError', 'internal', message),
  /** Outside this stack's subset: 501 as HTTP status too, so it is never mistaken for a client error. */
  notImplemented: (what: string) =>
    new StorageError(
      501,
      'NotImplemented',
      'not_implemented',
      `${what} is outside the Storage subset of the Floorline local stack (see supabase/local/storage/README.md)`,
      501,
    ),
}

/**
 * A database error as storage-api's DBError.fromDBError maps it: RLS and privilege failures are
 * AccessDenied (403), unique violations Duplicate (409). Anything unexpected is a 500.
 */
export function fromDbError(e: unknown): StorageError | undefined {
  if (!isPgError(e)) return undefined
  switch (e.code) {
    case '42501':
      return ERRORS.accessDenied(
        e.message.includes('row-level security') ? 'new row violates row-level security policy' : e.message,
      )
    case '23505':
      return ERRORS.duplicate()
    case '23503':
      return ERRORS.relatedNotFound()
    case '22P02':
      return err(400, 'InvalidParameter', undefined, e.message || 'Invalid value format or type conversion failed')
    default:
      return undefined
  }
}
