'use client'
import { cn } from '@/lib/cn'

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const

/** A large numeric keypad (keys ≥ 64 px, for gloved hands); the physical keyboard works too (PinPad listens). */
export function Keypad({
  onDigit,
  onBackspace,
  onClear,
  disabled,
}: {
  onDigit: (d: string) => void
  onBackspace: () => void
  onClear: () => void
  disabled?: boolean
}) {
  const key =
    'flex h-18 min-h-16 min-w-16 items-center justify-center rounded-2xl text-3xl font-semibold transition active:scale-95 disabled:opacity-40 motion-reduce:transition-none ' +
    'touch-manipulation select-none'
  const digit = cn(
    key,
    'bg-white text-zinc-900 shadow-sm ring-1 ring-zinc-200 hover:bg-zinc-50 active:bg-zinc-100',
    'dark:bg-zinc-800 dark:text-zinc-50 dark:ring-zinc-700 dark:hover:bg-zinc-700',
  )
  const aux = cn(
    key,
    'text-base font-medium text-zinc-600 hover:bg-zinc-200/60 dark:text-zinc-300 dark:hover:bg-zinc-800',
  )
  return (
    // keys never take focus from a tap, so a physical Enter afterwards submits instead of re-pressing the key
    <fieldset aria-label="PIN keypad" className="grid grid-cols-3 gap-3" onPointerDown={(e) => e.preventDefault()}>
      {KEYS.map((d) => (
        <button key={d} type="button" className={digit} disabled={disabled} onClick={() => onDigit(d)}>
          {d}
        </button>
      ))}
      <button type="button" className={aux} disabled={disabled} onClick={onClear}>
        Clear
      </button>
      <button type="button" className={digit} disabled={disabled} onClick={() => onDigit('0')}>
        0
      </button>
      <button type="button" className={aux} disabled={disabled} onClick={onBackspace} aria-label="Delete last digit">
        <svg viewBox="0 0 24 24" aria-hidden="true" className="size-7">
          <path
            d="M9 5h10a2 2 0 012 2v10a2 2 0 01-2 2H9l-6-7 6-7zM12 9l6 6M18 9l-6 6"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinejoin="round"
            strokeLinecap="round"
          />
        </svg>
      </button>
    </fieldset>
  )
}

export function PinDots({ length }: { length: number }) {
  return (
    <div className="flex h-6 items-center justify-center gap-4" aria-hidden="true">
      {Array.from({ length: Math.max(4, length) }, (_, i) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: positions, not items
          key={i}
          className={cn(
            'size-4 rounded-full transition-colors',
            i < length ? 'bg-brand-600 dark:bg-brand-500' : 'bg-zinc-300 dark:bg-zinc-700',
          )}
        />
      ))}
    </div>
  )
}
