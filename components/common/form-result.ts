import type { FieldValues, Path, UseFormReturn } from 'react-hook-form'
import type { Fail } from '@/lib/result'

/**
 * Puts a failed action's errors on the form: each field error under its field, the message as the
 * form's root error when no field took it.
 */
export function showFailure<T extends FieldValues, O>(form: UseFormReturn<T, unknown, O>, result: Fail): void {
  const known = new Set(Object.keys(form.getValues()))
  let placed = false
  for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
    if (!known.has(name) || !messages[0]) continue
    form.setError(name as Path<T>, { type: 'server', message: messages[0] }, { shouldFocus: !placed })
    placed = true
  }
  if (!placed) form.setError('root', { type: 'server', message: result.message })
}
