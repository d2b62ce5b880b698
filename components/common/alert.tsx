import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'

const TONES = {
  error: 'border-red-200 bg-red-50 text-red-800 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-200',
  warning:
    'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200',
  success:
    'border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-500/30 dark:bg-emerald-500/10 dark:text-emerald-200',
  info: 'border-brand-100 bg-brand-50 text-zinc-800 dark:border-brand-500/30 dark:bg-brand-500/10 dark:text-zinc-200',
} as const

/** A message box; errors are announced (role="alert"), the rest politely (role="status"). */
export function Alert({ tone = 'info', className, ...props }: ComponentProps<'div'> & { tone?: keyof typeof TONES }) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn('rounded-lg border px-4 py-3 text-sm', TONES[tone], className)}
      {...props}
    />
  )
}
