import type { FieldValues, Path, UseFormReturn } from 'react-hook-form'
import type { Fail } from '@/lib/result'

/** The names of a form's fields, nested ones as paths (`data.value`, `items.0.done`), as the API names them. */
function fieldNames(values: unknown, path = '', out = new Set<string>()): Set<string> {
  if (path) out.add(path)
  if (values && typeof values === 'object' && !(values instanceof Date) && !(values instanceof File)) {
    for (const [k, v] of Object.entries(values)) fieldNames(v, path ? `${path}.${k}` : k, out)
  }
  return out
}

/**
 * Puts a failed action's errors on the form: each field error under its field (nested fields by
 * path, e.g. the floor API's `data.value`), the message as the form's root error when no field took it.
 */
export function showFailure<T extends FieldValues, O>(
  form: UseFormReturn<T, unknown, O>,
  result: Pick<Fail, 'message' | 'fieldErrors'>,
): void {
  const known = fieldNames(form.getValues())
  let placed = false
  for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
    if (!known.has(name) || !messages[0]) continue
    form.setError(name as Path<T>, { type: 'server', message: messages[0] }, { shouldFocus: !placed })
    placed = true
  }
  if (!placed) form.setError('root', { type: 'server', message: result.message })
}
