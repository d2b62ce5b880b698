/**
 * Expected failures are values, not exceptions: every server action and route handler answers a
 * Result. The contract and its one mapper live in lib/errors.ts; this is the name callers import.
 */
export {
  type DbError,
  dbFail,
  type ErrorCode,
  type Fail,
  type FieldErrors,
  failWith,
  type GenericCode,
  type Ok,
  ok,
  type Result,
  STATUS,
} from './errors'
