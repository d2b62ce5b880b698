'use client'
import { Button } from '@/components/ui'

/** A keypad key pressed: a digit, the decimal point, delete one, or clear. */
export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '.' | 'back' | 'clear'

/** The typed value after a key (at most 3 decimals, 9 digits before the point, no leading zeros). */
export function pressKey(value: string, key: KeypadKey): string {
  if (key === 'clear') return ''
  if (key === 'back') return value.slice(0, -1)
  if (key === '.') return value.includes('.') ? value : `${value || '0'}.`
  const [whole, frac] = value.split('.')
  if (frac !== undefined) return frac.length >= 3 ? value : value + key
  if (whole.length >= 9) return value
  return whole === '0' ? key : value + key
}

const KEYS: KeypadKey[] = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '.', '0', 'back']

/**
 * A scale-style numeric pad: big targets (gloved hands), the value large with its unit, keys
 * typed from a hardware keyboard too (the screen forwards them).
 */
export function CountKeypad({
  value,
  unit,
  onChange,
  disabled,
}: {
  value: string
  unit: string
  onChange: (next: string) => void
  disabled?: boolean
}) {
  return (
    <div className="flex flex-col gap-3">
      <output
        aria-live="polite"
        aria-label={`Counted: ${value || '0'} ${unit}`}
        className="flex items-baseline justify-end gap-2 rounded-xl border-2 border-zinc-300 bg-white px-4 py-3 font-mono text-5xl tabular-nums dark:border-zinc-700 dark:bg-zinc-950"
      >
        <span>{value || '0'}</span>
        <span className="text-2xl text-zinc-600 dark:text-zinc-400">{unit}</span>
      </output>
      <div className="grid grid-cols-3 gap-2">
        {KEYS.map((k) => (
          <Button
            key={k}
            type="button"
            variant="secondary"
            size="touch"
            className="h-16 text-2xl"
            disabled={disabled}
            aria-label={k === 'back' ? 'Delete last digit' : k === '.' ? 'Decimal point' : k}
            onClick={() => onChange(pressKey(value, k))}
          >
            {k === 'back' ? '⌫' : k}
          </Button>
        ))}
      </div>
      <Button type="button" variant="ghost" size="touch" disabled={disabled} onClick={() => onChange('')}>
        Clear
      </Button>
    </div>
  )
}
