'use client'
import { useId, useMemo } from 'react'
import { ANY_NODE, layoutMachine } from '@/lib/workflows/diagram'
import { ANY_STATE, type Fsm } from '@/lib/workflows/fsm'

/**
 * The machine drawn as an SVG state diagram (laid out by dagre), redrawn as the form changes. The
 * picture has a title and a description for screen readers, and the same machine is written out as
 * a list below it (every state with where each transition takes it), reachable by keyboard.
 */
export function StateDiagram({ fsm, title, current }: { fsm: Fsm; title: string; current?: string | null }) {
  const id = useId()
  const diagram = useMemo(() => layoutMachine(fsm), [fsm])
  const states = fsm.states.filter((s) => s.trim())
  const described = `${states.length} states; starts at ${fsm.init || 'no state yet'}; ends at ${
    fsm.terminal.length ? fsm.terminal.join(', ') : 'no terminal state'
  }; ${fsm.transitions.length} transitions.`
  const path = (points: { x: number; y: number }[]) =>
    points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')

  return (
    <figure className="flex flex-col gap-3" data-testid="state-diagram">
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-zinc-50 p-2 dark:border-zinc-800 dark:bg-zinc-950">
        <svg
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          viewBox={`0 0 ${diagram.width} ${diagram.height}`}
          width={diagram.width}
          height={diagram.height}
          style={{ maxWidth: '100%', height: 'auto' }}
          className="mx-auto block text-zinc-700 dark:text-zinc-300"
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{described}</desc>
          <defs>
            <marker
              id={`${id}-arrow`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
            </marker>
          </defs>
          {diagram.edges.map((e) => (
            <g key={e.id} data-edge={e.label}>
              <title>{`${e.label}: ${e.from === ANY_NODE ? 'any state' : e.from} → ${e.to}`}</title>
              <path
                d={path(e.points)}
                fill="none"
                stroke="currentColor"
                strokeWidth={e.back && !e.labelAt ? 1 : 1.4}
                strokeOpacity={e.back && !e.labelAt ? 0.6 : 1}
                strokeDasharray={e.from === ANY_NODE ? '4 3' : undefined}
                markerEnd={`url(#${id}-arrow)`}
                className={e.guarded ? 'text-amber-600 dark:text-amber-400' : undefined}
              />
              {e.labelAt ? (
                <text
                  x={e.labelAt.x}
                  y={e.labelAt.y + 4}
                  textAnchor="middle"
                  className="fill-zinc-600 stroke-zinc-50 text-[11px] dark:fill-zinc-400 dark:stroke-zinc-950"
                  paintOrder="stroke"
                  strokeWidth={3}
                >
                  {e.label}
                </text>
              ) : null}
            </g>
          ))}
          {diagram.nodes.map((n) => (
            <g
              key={n.id}
              data-state={n.any ? ANY_STATE : n.id}
              transform={`translate(${n.x - n.width / 2},${n.y - n.height / 2})`}
            >
              <rect
                width={n.width}
                height={n.height}
                rx={n.any ? 4 : 18}
                strokeWidth={n.init || current === n.id ? 2.5 : 1.2}
                strokeDasharray={n.any ? '4 3' : undefined}
                className={
                  current === n.id
                    ? 'fill-brand-100 stroke-brand-600 dark:fill-brand-500/30 dark:stroke-brand-400'
                    : n.terminal
                      ? 'fill-zinc-200 stroke-zinc-500 dark:fill-zinc-800 dark:stroke-zinc-400'
                      : n.any
                        ? 'fill-transparent stroke-zinc-400'
                        : 'fill-white stroke-zinc-500 dark:fill-zinc-900 dark:stroke-zinc-400'
                }
              />
              {n.terminal ? (
                <rect
                  x={3}
                  y={3}
                  width={n.width - 6}
                  height={n.height - 6}
                  rx={15}
                  fill="none"
                  strokeWidth={1}
                  className="stroke-zinc-500 dark:stroke-zinc-400"
                />
              ) : null}
              <text
                x={n.width / 2}
                y={n.height / 2 + 4}
                textAnchor="middle"
                className={`text-[12px] ${n.any ? 'fill-zinc-500 italic' : 'fill-zinc-900 dark:fill-zinc-100'}`}
              >
                {n.label}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
        <span>Thick border: where items start</span>
        <span>Double border: where they end</span>
        <span className="text-amber-700 dark:text-amber-400">Amber arrow: needs a reason or a role</span>
      </figcaption>
      <details className="rounded-lg border border-zinc-200 text-sm dark:border-zinc-800">
        <summary className="cursor-pointer rounded-lg px-3 py-2 font-medium focus-visible:outline-2 focus-visible:outline-brand-500">
          The diagram as a list
        </summary>
        <ul className="flex flex-col gap-2 px-3 pb-3" aria-label="States and their transitions">
          {states.map((s) => {
            const out = fsm.transitions.filter((t) =>
              t.from === ANY_STATE ? true : Array.isArray(t.from) ? t.from.includes(s) : t.from === s,
            )
            return (
              <li key={s}>
                <span className="font-medium">{s}</span>
                {s === fsm.init ? ' (start)' : ''}
                {fsm.terminal.includes(s) ? ' (end)' : ''}
                {out.length ? (
                  <ul className="ml-4 list-disc text-zinc-600 dark:text-zinc-400">
                    {out.map((t) => (
                      <li key={`${t.name}-${t.to}`}>
                        {t.name} → {t.to}
                        {t.from === ANY_STATE ? ' (from any state)' : ''}
                        {t.requires?.reason ? ', needs a reason' : ''}
                        {t.requires?.min_role ? `, ${t.requires.min_role} or above` : ''}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="text-zinc-500 dark:text-zinc-400"> — no way out</span>
                )}
              </li>
            )
          })}
        </ul>
      </details>
    </figure>
  )
}
