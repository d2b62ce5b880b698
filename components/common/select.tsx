import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'

export interface SelectProps extends ComponentProps<'select'> {
  invalid?: boolean
  touch?: boolean
}

/** A native select styled like Input: native keeps keyboard, touch and screen readers right. */
export function Select({ invalid, touch, className, children, ...props }: SelectProps) {
  return (
    <select
      aria-invalid={invalid || undefined}
      className={cn(
        'block w-full appearance-none rounded-lg border bg-white pr-9 pl-3 text-zinc-900 shadow-sm',
        'bg-[url("data:image/svg+xml,%3Csvg%20xmlns=%27http://www.w3.org/2000/svg%27%20viewBox=%270%200%2020%2020%27%20fill=%27%2371717a%27%3E%3Cpath%20d=%27M5.5%207.5l4.5%204.5%204.5-4.5%27%20stroke=%27%2371717a%27%20stroke-width=%271.5%27%20fill=%27none%27/%3E%3C/svg%3E")] bg-[length:1.25rem] bg-[right_0.5rem_center] bg-no-repeat',
        'border-zinc-300 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30',
        'disabled:cursor-not-allowed disabled:opacity-60',
        'dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100',
        'aria-invalid:border-red-500',
        touch ? 'min-h-12 text-lg' : 'h-10 text-sm pointer-coarse:h-11',
        className,
      )}
      {...props}
    >
      {children}
    </select>
  )
}
