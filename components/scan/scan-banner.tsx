import { cn } from '@/lib/cn'

export interface Banner {
  tone: 'success' | 'error' | 'warning' | 'info'
  title: string
  text?: string
  code?: string
  /** Says "no connection": replaced once the tablet is back online (it would no longer be true). */
  offline?: boolean
}

const TONES: Record<Banner['tone'], string> = {
  success:
    'border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-500/40 dark:bg-emerald-500/10 dark:text-emerald-100',
  error: 'border-red-300 bg-red-50 text-red-950 dark:border-red-500/40 dark:bg-red-500/10 dark:text-red-100',
  warning:
    'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-100',
  info: 'border-zinc-200 bg-white text-zinc-900 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100',
}

/** What just happened, large: the last scan's outcome or the last action's. Announced politely. */
export function ScanBanner({ banner }: { banner: Banner | null }) {
  return (
    <div aria-live="polite" aria-atomic="true">
      {banner ? (
        <div
          role={banner.tone === 'error' ? 'alert' : 'status'}
          data-testid="scan-banner"
          data-tone={banner.tone}
          className={cn('rounded-3xl border-2 px-5 py-4', TONES[banner.tone])}
        >
          <p className="text-2xl font-semibold">{banner.title}</p>
          {banner.text ? <p className="mt-1 text-lg">{banner.text}</p> : null}
          {banner.code ? <p className="mt-1 font-mono text-sm opacity-70">{banner.code}</p> : null}
        </div>
      ) : null}
    </div>
  )
}
