'use client'
import { useState } from 'react'
import { Select } from '@/components/common/select'
import { Button } from '@/components/ui'

export interface PickItem {
  id: string
  code: string
  name: string
  unit: string
}
export interface PickLocation {
  id: string
  name: string
}

/**
 * "Found something not on the sheet?": the counter picks the item and where it is, and the tablet
 * adds the line (count_add_line, through the sync queue like the quantities: it works offline) and
 * opens it on the pad. The database refuses an item × location already on the count or outside its
 * scope; the tablet only offers pairs it does not have.
 */
export function CountAddLine({
  items,
  locations,
  taken,
  disabled,
  onAdd,
}: {
  items: PickItem[]
  locations: PickLocation[]
  /** item × location pairs already on the sheet (`<item>:<location>`) */
  taken: Set<string>
  disabled: boolean
  onAdd: (item: PickItem, location: PickLocation) => void
}) {
  const [itemId, setItemId] = useState('')
  const [locationId, setLocationId] = useState(locations.length === 1 ? locations[0].id : '')
  const item = items.find((i) => i.id === itemId)
  const location = locations.find((l) => l.id === locationId)
  const already = Boolean(item && location && taken.has(`${item.id}:${location.id}`))
  return (
    <details className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <summary className="flex min-h-12 cursor-pointer items-center font-medium">
        Found something not on the sheet?
      </summary>
      <form
        className="mt-2 flex flex-col gap-3"
        aria-label="Add a line"
        onSubmit={(e) => {
          e.preventDefault()
          if (item && location && !already) {
            onAdd(item, location)
            setItemId('')
          }
        }}
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="add-line-item" className="text-sm font-medium">
            Item
          </label>
          <Select id="add-line-item" touch value={itemId} onChange={(e) => setItemId(e.target.value)}>
            <option value="">Choose…</option>
            {items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.code} · {i.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="add-line-location" className="text-sm font-medium">
            Where it is
          </label>
          <Select id="add-line-location" touch value={locationId} onChange={(e) => setLocationId(e.target.value)}>
            <option value="">Choose…</option>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </Select>
        </div>
        {already ? <p className="text-sm">That item is on the sheet there already: pick its line.</p> : null}
        <Button type="submit" size="touch" variant="secondary" disabled={disabled || !item || !location || already}>
          Add the line and count it
        </Button>
      </form>
    </details>
  )
}
