import type { BoardStage, Stage } from '@/lib/batches/types'
import { cn } from '@/lib/cn'

/** Where a batch is in the workflow: a segmented bar with the current stage named. */
export function StageProgress({
  stages,
  current,
  complete,
}: {
  stages: BoardStage[]
  current: Stage | null
  complete?: boolean
}) {
  const at = complete ? stages.length : stages.findIndex((s) => s.stage === current)
  return (
    <div className="flex flex-col gap-2">
      <ol className="flex gap-1" aria-label="Stages">
        {stages.map((s, i) => (
          <li
            key={s.stage}
            title={s.name}
            aria-current={i === at ? 'step' : undefined}
            className={cn(
              'h-2 flex-1 rounded-full',
              i < at && 'bg-brand-600 dark:bg-brand-500',
              i === at && 'bg-brand-600/60 ring-2 ring-brand-500/30 dark:bg-brand-500/60',
              i > at && 'bg-zinc-200 dark:bg-zinc-800',
            )}
          >
            <span className="sr-only">
              {s.name}: {i < at ? 'done' : i === at ? 'current' : 'upcoming'}
            </span>
          </li>
        ))}
      </ol>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {complete
          ? 'All stages done'
          : at >= 0
            ? `Stage ${at + 1} of ${stages.length}: ${stages[at].name}`
            : 'Not started'}
      </p>
    </div>
  )
}
