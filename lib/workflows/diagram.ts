import dagre from '@dagrejs/dagre'
import { ANY_STATE, type Fsm } from './fsm'

// The state diagram's layout (dagre, top to bottom): one node per state, one edge per (transition,
// source state). A '*' transition is drawn once, from an "any state" node, rather than as an arrow
// from every state: that is how people read it, and it keeps the drawing legible.

export const ANY_NODE = '\u0000any'

export interface DiagramNode {
  id: string
  label: string
  x: number
  y: number
  width: number
  height: number
  init: boolean
  terminal: boolean
  any: boolean
}

export interface DiagramEdge {
  id: string
  from: string
  to: string
  label: string
  points: { x: number; y: number }[]
  labelAt: { x: number; y: number } | null
  guarded: boolean
  /** Goes to a state listed earlier (a step back). */
  back: boolean
}

export interface Diagram {
  width: number
  height: number
  nodes: DiagramNode[]
  edges: DiagramEdge[]
}

const CHAR = 7.2
const nodeSize = (label: string) => ({ width: Math.max(72, Math.round(label.length * CHAR + 28)), height: 36 })

/** Lays the machine out. States that are not (yet) valid keys still draw, so the picture follows typing. */
export function layoutMachine(fsm: Pick<Fsm, 'init' | 'states' | 'terminal' | 'transitions'>): Diagram {
  const g = new dagre.graphlib.Graph({ multigraph: true })
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 44, edgesep: 14, marginx: 12, marginy: 12 })
  g.setDefaultEdgeLabel(() => ({}))
  const states = [...new Set(fsm.states.filter((s) => s.trim()))]
  for (const s of states) g.setNode(s, nodeSize(s))
  const edges: { id: string; from: string; to: string; label: string; guarded: boolean; back: boolean }[] = []
  const position = new Map(states.map((s, i) => [s, i]))
  const arrows = fsm.transitions.reduce(
    (n, t) => n + (t.from === ANY_STATE ? 1 : Array.isArray(t.from) ? t.from.length : 1),
    0,
  )
  // a busy machine (the headphone build's back-steps) is unreadable with every arrow named: steps back
  // then go unlabelled in the picture (their names are in the list below it and in each arrow's tooltip)
  const labelBack = arrows <= 12
  fsm.transitions.forEach((t, i) => {
    if (!t.to || !g.hasNode(t.to)) return
    const sources = t.from === ANY_STATE ? [ANY_NODE] : Array.isArray(t.from) ? t.from : [t.from]
    for (const from of new Set(sources)) {
      if (from === ANY_NODE && !g.hasNode(ANY_NODE)) g.setNode(ANY_NODE, nodeSize('any state'))
      if (!g.hasNode(from)) continue
      const id = `${i}:${from}`
      const label = t.name || '(unnamed)'
      // a step back (to a state listed earlier) is laid out as if it went forward, so the ranks follow
      // the list's order from the top instead of wherever dagre's cycle breaking would put them
      const back = (position.get(t.to) ?? 0) < (position.get(from) ?? 0)
      edges.push({ id, from, to: t.to, label, back, guarded: Boolean(t.requires?.reason || t.requires?.min_role) })
      const [v, w] = back ? [t.to, from] : [from, t.to]
      const labelled = !back || labelBack
      g.setEdge(v, w, labelled ? { label, width: label.length * 6.2 + 8, height: 14, labelpos: 'c' } : {}, id)
    }
  })
  dagre.layout(g)
  const graph = g.graph()
  const nodes: DiagramNode[] = g.nodes().map((id) => {
    const n = g.node(id)
    return {
      id,
      label: id === ANY_NODE ? 'any state' : id,
      x: n.x ?? 0,
      y: n.y ?? 0,
      width: n.width,
      height: n.height,
      init: id === fsm.init,
      terminal: fsm.terminal.includes(id),
      any: id === ANY_NODE,
    }
  })
  return {
    width: Math.max(graph.width ?? 0, 120),
    height: Math.max(graph.height ?? 0, 60),
    nodes,
    edges: edges.map((e) => {
      const { back } = e
      const laid = back ? g.edge({ v: e.to, w: e.from, name: e.id }) : g.edge({ v: e.from, w: e.to, name: e.id })
      const hasLabelAt = typeof laid?.x === 'number' && typeof laid?.y === 'number'
      const points = laid?.points ?? []
      return {
        ...e,
        points: back ? [...points].reverse() : points,
        labelAt: hasLabelAt && (!back || labelBack) ? { x: laid.x as number, y: laid.y as number } : null,
      }
    }),
  }
}
