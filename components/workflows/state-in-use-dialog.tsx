'use client'
import { useState } from 'react'
import { Dialog } from '@/components/common/dialog'
import { Select } from '@/components/common/select'
import { Button, Label } from '@/components/ui'
import type { StateInUse } from '@/lib/workflows/errors'

/**
 * The database refused to remove a state that live items sit in (STATE_IN_USE, with the count): pick
 * where they go and save again. The move happens in the same transaction as the save, and each
 * moved item's history records it.
 */
export function StateInUseDialog({
  inUse,
  states,
  onClose,
  onMove,
}: {
  inUse: StateInUse[]
  states: string[]
  onClose: () => void
  onMove: (moves: Record<string, string>) => Promise<void>
}) {
  const [targets, setTargets] = useState<Record<string, string>>({})
  const [pending, setPending] = useState(false)
  const ready = inUse.every((s) => targets[s.state])
  return (
    <Dialog
      open={inUse.length > 0}
      onClose={onClose}
      title="Items are still in a state you removed"
      description="Pick the state they move to; the move is saved with the workflow and written to each item’s history."
    >
      <div className="flex flex-col gap-4">
        {inUse.map((s) => (
          <div key={s.state} className="flex flex-col gap-1.5">
            <Label htmlFor={`move-${s.state}`}>
              {s.count} {s.count === 1 ? 'item is' : 'items are'} in “{s.state}”. Move them to
            </Label>
            <Select
              id={`move-${s.state}`}
              value={targets[s.state] ?? ''}
              onChange={(e) => setTargets((t) => ({ ...t, [s.state]: e.target.value }))}
            >
              <option value="">Pick a state</option>
              {states.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </Select>
          </div>
        ))}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="button"
            disabled={!ready}
            pending={pending}
            onClick={async () => {
              setPending(true)
              await onMove(Object.fromEntries(inUse.map((s) => [s.state, targets[s.state]])))
              setPending(false)
            }}
          >
            Move and save
          </Button>
        </div>
      </div>
    </Dialog>
  )
}
