import type { ReactNode } from 'react'
import { FieldError, Label } from '@/components/ui'

/**
 * A label, its control, an optional hint and the field's error: the layout. Forms use FormField
 * (form-field.tsx), which wires the control to it (`invalid`, `aria-describedby`).
 */
export function Field({
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
  children: ReactNode
}) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} className="mt-0" />
    </div>
  )
}

export function describedBy(id: string, error?: string, hint?: boolean): string | undefined {
  if (error) return `${id}-error`
  return hint ? `${id}-hint` : undefined
}
