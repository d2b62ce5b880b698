import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'

export interface InputProps extends ComponentProps<'input'> {
  /** 48 px tall with larger text, for tablets. */
  touch?: boolean
  /** Marks the field invalid for assistive tech and styles it; pair with FieldError's id. */
  invalid?: boolean
}

export function Input({ touch, invalid, className, ...props }: InputProps) {
  return (
    <input
      aria-invalid={invalid || undefined}
      className={cn(
        'block w-full rounded-lg border bg-white px-3 text-zinc-900 shadow-sm placeholder:text-zinc-400',
        'border-zinc-300 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30',
        'disabled:cursor-not-allowed disabled:opacity-60',
        'dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500',
        'aria-invalid:border-red-500 aria-invalid:focus:ring-red-500/30',
        touch ? 'min-h-12 text-lg' : 'h-10 text-sm pointer-coarse:h-11',
        className,
      )}
      {...props}
    />
  )
}
