import { type Fail, fail, failWith } from '@/lib/result'

interface DbError {
  code?: string
  message?: string
  details?: string | null
}

/**
 * fail() plus field errors, so a database refusal lands under the right input: our RPCs name the
 * offending field in `details` (`display_name`, `badge_code`, …; docs/tenancy.md §6). `fields` maps
 * those names onto the form's field names; unmapped details leave a form-level message.
 */
export function dbFail(error: DbError | null | undefined, fields: Record<string, string> = {}): Fail {
  const base = fail(error)
  const field = error?.details ? fields[error.details] : undefined
  if (field && error?.message && ['invalid', 'conflict', 'not_found'].includes(base.code)) {
    return failWith(base.code, error.message, { [field]: [error.message] })
  }
  return base
}
