import type { ReactNode } from 'react'
import { describedBy, Field } from './field'

/** What a form control needs from its field: its id, whether it is invalid, and what describes it. */
export interface ControlProps {
  id: string
  invalid: boolean
  'aria-describedby': string | undefined
}

/**
 * The one field block of every form: label, control, hint and error, with the control wired to
 * them (`invalid`, `aria-describedby` naming the error, else the hint) so a screen reader reads the
 * error with the field. The control is rendered by `children` with those props:
 *
 *   <FormField id="email" label="Email" error={errors.email?.message}>
 *     {(control) => <Input {...control} type="email" {...form.register('email')} />}
 *   </FormField>
 */
export function FormField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  children: (control: ControlProps) => ReactNode
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {children({ id, invalid: Boolean(error), 'aria-describedby': describedBy(id, error, Boolean(hint)) })}
    </Field>
  )
}
