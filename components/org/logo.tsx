import { cn } from '@/lib/cn'

/** The wordmark, with a small mark made of three "floor lines". */
export function Logo({ className, compact }: { className?: string; compact?: boolean }) {
  return (
    <span className={cn('inline-flex items-center gap-2 font-bold tracking-tight', className)}>
      <svg viewBox="0 0 24 24" aria-hidden="true" className="size-[1.35em] shrink-0">
        <rect width="24" height="24" rx="6" className="fill-brand-600 dark:fill-brand-500" />
        <path d="M6 8h12M6 12h8M6 16h10" stroke="white" strokeWidth="2.2" strokeLinecap="round" />
      </svg>
      {compact ? (
        <span className="sr-only">Floorline</span>
      ) : (
        <span>
          Floor<span className="text-brand-600 dark:text-brand-500">line</span>
        </span>
      )}
    </span>
  )
}
