import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'

const VARIANTS = {
  primary: 'bg-brand-600 text-on-brand hover:bg-brand-700 dark:bg-brand-500 dark:hover:bg-brand-600',
  secondary:
    'border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800',
  ghost: 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800',
  danger: 'bg-red-600 text-white hover:bg-red-700 dark:bg-red-700 dark:hover:bg-red-800',
} as const

// on a touch screen (a tablet may open any page) every button is at least 44 px tall (WCAG 2.5.5)
const SIZES = {
  sm: 'h-9 px-3 text-sm pointer-coarse:h-11',
  md: 'h-10 px-4 text-sm pointer-coarse:h-11',
  /** At least 48×48 px: tablets on the floor, gloved hands. */
  touch: 'min-h-12 min-w-12 px-5 text-base',
} as const

export interface ButtonStyleProps {
  variant?: keyof typeof VARIANTS
  size?: keyof typeof SIZES
}

/** The classes of a button, for links or labels that should look like one. */
export function buttonClasses({ variant = 'primary', size = 'md' }: ButtonStyleProps = {}, className?: string) {
  return cn(
    'inline-flex items-center justify-center gap-2 rounded-lg font-medium transition-colors',
    'disabled:pointer-events-none disabled:opacity-50 aria-disabled:pointer-events-none aria-disabled:opacity-50',
    VARIANTS[variant],
    SIZES[size],
    className,
  )
}

export interface ButtonProps extends ComponentProps<'button'>, ButtonStyleProps {
  /** Shows a busy state and blocks clicks while a form submits. */
  pending?: boolean
}

export function Button({
  variant,
  size,
  pending,
  className,
  type = 'button',
  disabled,
  children,
  ...props
}: ButtonProps) {
  return (
    <button
      type={type}
      className={buttonClasses({ variant, size }, className)}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      {...props}
    >
      {pending ? <Spinner /> : null}
      {children}
    </button>
  )
}

function Spinner() {
  return (
    <span
      aria-hidden="true"
      className="size-4 animate-spin rounded-full border-2 border-current border-r-transparent motion-reduce:animate-none"
    />
  )
}
