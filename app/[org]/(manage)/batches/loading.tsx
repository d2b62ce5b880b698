import { Skeleton } from '@/components/common/skeleton'

export default function Loading() {
  return (
    <div className="flex flex-col gap-6" aria-busy="true">
      <span className="sr-only">Loading the board…</span>
      <div className="flex flex-col gap-2">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="flex gap-3 overflow-hidden">
        {Array.from({ length: 5 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <div key={i} className="flex w-64 shrink-0 flex-col gap-2 rounded-2xl bg-zinc-100 p-2 dark:bg-zinc-900/60">
            <Skeleton className="h-5 w-28" />
            <Skeleton className="h-32 w-full" />
            {i % 2 === 0 ? <Skeleton className="h-32 w-full" /> : null}
          </div>
        ))}
      </div>
    </div>
  )
}
