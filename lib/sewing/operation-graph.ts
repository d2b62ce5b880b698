import dagre from '@dagrejs/dagre'

// The dependency graph of a product type's operations, laid out by dagre left to right: one node per
// operation, one arrow from each operation it depends on to it. The database keeps the graph a DAG
// (sewing_operations trigger); a graph that is not one (never stored) still lays out, dagre breaks it.

export interface GraphOperation {
  id: string
  name: string
  sequence_number: number
  depends_on: string[]
  is_active: boolean
}

export interface GraphNode {
  id: string
  label: string
  sequence: number
  x: number
  y: number
  width: number
  height: number
  active: boolean
  /** Starts a bundle: depends on nothing. */
  first: boolean
  /** Nothing depends on it: where a bundle leaves the line. */
  last: boolean
}

export interface GraphEdge {
  id: string
  from: string
  to: string
  points: { x: number; y: number }[]
}

export interface OperationGraph {
  width: number
  height: number
  nodes: GraphNode[]
  edges: GraphEdge[]
}

const CHAR = 7
const nodeSize = (label: string) => ({
  width: Math.min(220, Math.max(96, Math.round(label.length * CHAR + 36))),
  height: 40,
})

export function layoutOperations(operations: readonly GraphOperation[]): OperationGraph {
  const g = new dagre.graphlib.Graph()
  g.setGraph({ rankdir: 'LR', nodesep: 16, ranksep: 48, marginx: 12, marginy: 12 })
  g.setDefaultEdgeLabel(() => ({}))
  const ids = new Set(operations.map((o) => o.id))
  for (const o of operations) g.setNode(o.id, nodeSize(`${o.sequence_number}. ${o.name}`))
  const edges: Omit<GraphEdge, 'points'>[] = []
  for (const o of operations) {
    for (const d of o.depends_on) {
      if (!ids.has(d) || d === o.id) continue
      edges.push({ id: `${d}>${o.id}`, from: d, to: o.id })
      g.setEdge(d, o.id)
    }
  }
  dagre.layout(g)
  const graph = g.graph()
  const feeds = new Set(edges.map((e) => e.from))
  return {
    width: Math.max(graph.width ?? 0, 120),
    height: Math.max(graph.height ?? 0, 60),
    nodes: operations.map((o) => {
      const n = g.node(o.id)
      return {
        id: o.id,
        label: `${o.sequence_number}. ${o.name}`,
        sequence: o.sequence_number,
        x: n.x ?? 0,
        y: n.y ?? 0,
        width: n.width,
        height: n.height,
        active: o.is_active,
        first: !o.depends_on.some((d) => ids.has(d) && d !== o.id),
        last: !feeds.has(o.id),
      }
    }),
    edges: edges.map((e) => ({ ...e, points: g.edge(e.from, e.to)?.points ?? [] })),
  }
}
