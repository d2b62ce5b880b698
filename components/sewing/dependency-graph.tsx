import { layoutOperations } from '@/lib/sewing/operation-graph'

interface Op {
  id: string
  name: string
  sequence_number: number
  depends_on: string[]
  is_active: boolean
}

/**
 * A product type's operations as a dependency graph (dagre, left to right): an arrow from each
 * operation to the ones that wait for it. The SVG has a title and a description; the same graph is
 * written out as a list below it for screen readers and keyboards.
 */
export function DependencyGraph({ operations, title }: { operations: Op[]; title: string }) {
  const id = `dag-${title.replace(/[^a-zA-Z0-9]/g, '')}`
  const g = layoutOperations(operations)
  const byId = new Map(operations.map((o) => [o.id, o]))
  const firsts = g.nodes.filter((n) => n.first).map((n) => n.label)
  const lasts = g.nodes.filter((n) => n.last).map((n) => n.label)
  const path = (points: { x: number; y: number }[]) =>
    points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')
  return (
    <figure className="flex flex-col gap-3" data-testid="dependency-graph">
      <div className="rounded-lg border border-zinc-200 bg-zinc-50 p-2 dark:border-zinc-800 dark:bg-zinc-950">
        <svg
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          viewBox={`0 0 ${g.width} ${g.height}`}
          width={g.width}
          height={g.height}
          // scaled to the card rather than scrolled: a scrolling box would need a keyboard stop of its own
          style={{ maxWidth: '100%', height: 'auto' }}
          className="mx-auto block text-zinc-600 dark:text-zinc-400"
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>
            {`${operations.length} operations; a bundle starts at ${firsts.join(', ') || 'none'} and leaves after ${
              lasts.join(', ') || 'none'
            }; ${g.edges.length} dependencies.`}
          </desc>
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
          {g.edges.map((e) => (
            <path
              key={e.id}
              data-edge={`${byId.get(e.from)?.name} → ${byId.get(e.to)?.name}`}
              d={path(e.points)}
              fill="none"
              stroke="currentColor"
              strokeWidth={1.4}
              markerEnd={`url(#${id}-arrow)`}
            />
          ))}
          {g.nodes.map((n) => (
            <g
              key={n.id}
              data-operation={byId.get(n.id)?.name}
              transform={`translate(${n.x - n.width / 2},${n.y - n.height / 2})`}
            >
              <rect
                width={n.width}
                height={n.height}
                rx={8}
                strokeWidth={n.first ? 2.4 : 1.2}
                strokeDasharray={n.active ? undefined : '4 3'}
                className="fill-white stroke-zinc-500 dark:fill-zinc-900 dark:stroke-zinc-400"
              />
              <text
                x={n.width / 2}
                y={n.height / 2 + 4}
                textAnchor="middle"
                className={`text-[12px] ${n.active ? 'fill-zinc-900 dark:fill-zinc-100' : 'fill-zinc-500 italic'}`}
              >
                {n.label.length > 30 ? `${n.label.slice(0, 29)}…` : n.label}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <span>Arrow: the operation it points to waits for this one</span>
        <span>Thick border: where a bundle starts</span>
        <span>Dashed: archived</span>
      </figcaption>
      <details className="rounded-lg border border-zinc-200 text-sm dark:border-zinc-800">
        <summary className="cursor-pointer rounded-lg px-3 py-2 font-medium focus-visible:outline-2 focus-visible:outline-brand-500">
          The graph as a list
        </summary>
        <ul className="flex flex-col gap-1 px-3 pb-3" aria-label="Operations and what they wait for">
          {operations.map((o) => {
            const deps = o.depends_on.map((d) => byId.get(d)?.name).filter(Boolean)
            return (
              <li key={o.id}>
                <span className="font-medium">
                  {o.sequence_number}. {o.name}
                </span>
                {deps.length ? ` waits for ${deps.join(', ')}` : ' starts a bundle'}
                {o.is_active ? '' : ' (archived)'}
              </li>
            )
          })}
        </ul>
      </details>
    </figure>
  )
}
