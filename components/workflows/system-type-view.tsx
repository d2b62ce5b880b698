'use client'
import { useState } from 'react'
import type { Fsm } from '@/lib/workflows/fsm'
import { StateDiagram } from './state-diagram'
import { TryPanel } from './try-panel'

/** A system type, read-only: its diagram and a walk through it. Copy it to change it. */
export function SystemTypeView({ fsm, name }: { fsm: Fsm; name: string }) {
  const [current, setCurrent] = useState<string | null>(null)
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <StateDiagram fsm={fsm} title={`${name}: state diagram`} current={current} />
      <TryPanel fsm={fsm} onState={setCurrent} />
    </div>
  )
}
