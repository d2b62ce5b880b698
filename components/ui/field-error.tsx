import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'

export interface FieldErrorProps extends ComponentProps<'p'> {
  /** The message; nothing renders without one. Give it an id and point the input's aria-describedby at it. */
  message?: string
}

export function FieldError({ message, className, ...props }: FieldErrorProps) {
  if (!message) return null
  return (
    <p role="alert" className={cn('mt-1 text-sm text-red-600 dark:text-red-400', className)} {...props}>
      {message}
    </p>
  )
}
