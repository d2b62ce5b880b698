import { describe, expect, it } from 'vitest'
import { layoutOperations } from '@/lib/sewing/operation-graph'

const op = (id: string, sequence_number: number, depends_on: string[] = [], is_active = true) => ({
  id,
  name: `Op ${id}`,
  sequence_number,
  depends_on,
  is_active,
})

describe('layoutOperations (the dependency graph of /[org]/sewing/operations)', () => {
  it('draws an arrow from each dependency to the operation waiting for it, left to right', () => {
    const g = layoutOperations([op('a', 1), op('b', 2), op('c', 3, ['a', 'b']), op('d', 4, ['c'])])
    expect(g.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(['a>c', 'b>c', 'c>d'])
    const x = Object.fromEntries(g.nodes.map((n) => [n.id, n.x]))
    expect(x.a).toBeLessThan(x.c)
    expect(x.c).toBeLessThan(x.d)
    for (const e of g.edges) expect(e.points.length).toBeGreaterThanOrEqual(2)
    expect(g.nodes.filter((n) => n.first).map((n) => n.id)).toEqual(['a', 'b'])
    expect(g.nodes.filter((n) => n.last).map((n) => n.id)).toEqual(['d'])
  })

  it('ignores dependencies outside the list and on itself, keeps archived operations', () => {
    const g = layoutOperations([op('a', 1, ['gone', 'a']), op('b', 2, ['a'], false)])
    expect(g.edges.map((e) => e.id)).toEqual(['a>b'])
    expect(g.nodes.find((n) => n.id === 'a')?.first).toBe(true)
    expect(g.nodes.find((n) => n.id === 'b')?.active).toBe(false)
    expect(g.nodes.find((n) => n.id === 'b')?.label).toBe('2. Op b')
  })

  it('lays out an empty list', () => {
    const g = layoutOperations([])
    expect(g.nodes).toEqual([])
    expect(g.width).toBeGreaterThan(0)
  })
})
