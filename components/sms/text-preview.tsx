'use client'
import { segmentInfo } from '@/lib/sms/segments'

/**
 * What a text will cost before it is sent: the words as they go out, GSM-7 or UCS-2, parts, and an
 * estimate at a typical price per part (the provider's answer is what gets recorded). The count is
 * lib/sms/segments.ts's — the same packing the database stores with the message.
 */
const ESTIMATE_PER_PART = [
  { provider: 'Semaphore', price: 0.5, currency: 'PHP' },
  { provider: 'Twilio', price: 0.0083, currency: 'USD' },
] as const

export function TextPreview({ text, recipients = 1 }: { text: string; recipients?: number }) {
  const info = segmentInfo(text)
  const parts = info.segments * Math.max(recipients, 1)
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" aria-live="polite">
      <p className="whitespace-pre-wrap break-words text-sm" data-testid="sms-preview">
        {text || <span className="text-zinc-500 dark:text-zinc-400">The text appears here as it will be sent.</span>}
      </p>
      <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="sms-segments">
        {info.encoding} · {info.units} {info.encoding === 'GSM-7' ? 'characters' : 'UTF-16 units'} · {info.segments}{' '}
        {info.segments === 1 ? 'part' : 'parts'}
        {recipients > 1 ? ` × ${recipients} recipients` : ''} · {info.remaining} left in this part
        {info.nonGsmChars.length ? ` · UCS-2 because of ${info.nonGsmChars.slice(0, 5).join(' ')}` : ''}
      </p>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Estimate:{' '}
        {ESTIMATE_PER_PART.map(
          (p) => `${p.provider} ≈ ${(p.price * parts).toFixed(p.currency === 'USD' ? 4 : 2)} ${p.currency}`,
        ).join(' · ')}
      </p>
    </div>
  )
}
