'use client'
import { useState, useTransition } from 'react'
import { Alert } from '@/components/common/alert'
import { Dialog } from '@/components/common/dialog'
import { EmptyState } from '@/components/common/empty-state'
import { Pill } from '@/components/common/pill'
import { Button } from '@/components/ui'
import { cn } from '@/lib/cn'
import { setLocationActive, setTeamActive } from '@/lib/locations/actions'
import { KIND_LABEL } from '@/lib/locations/schema'
import { LocationForm, type LocationValue, TeamForm, type TeamValue } from './place-forms'

type Editing = { what: 'location'; value?: LocationValue } | { what: 'team'; value?: TeamValue } | null

export function PlacesManager({
  orgId,
  canEdit,
  locations,
  teams,
}: {
  orgId: string
  canEdit: boolean
  locations: (LocationValue & { is_active: boolean })[]
  teams: (TeamValue & { is_active: boolean })[]
}) {
  const [editing, setEditing] = useState<Editing>(null)
  const [error, setError] = useState<string | null>(null)
  const [pending, start] = useTransition()
  const close = () => setEditing(null)
  const toggle = (fn: typeof setLocationActive, id: string, isActive: boolean) =>
    start(async () => {
      setError(null)
      const result = await fn({ id, isActive })
      if (!result.ok) setError(result.message)
    })

  return (
    <div className="flex flex-col gap-8" aria-busy={pending || undefined}>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Section
        title="Locations"
        description="Floor areas and workstations. Station tablets are signed in at a location."
        addLabel="Add location"
        onAdd={canEdit ? () => setEditing({ what: 'location' }) : undefined}
      >
        {locations.length === 0 ? (
          <EmptyState title="No locations yet">Add the areas and benches of your floor.</EmptyState>
        ) : (
          <List>
            {locations.map((l) => (
              <Row
                key={l.id}
                name={l.name}
                description={l.description}
                active={l.is_active}
                badge={<Pill>{KIND_LABEL[l.kind]}</Pill>}
                onEdit={canEdit ? () => setEditing({ what: 'location', value: l }) : undefined}
                onToggle={canEdit ? () => toggle(setLocationActive, l.id, !l.is_active) : undefined}
              />
            ))}
          </List>
        )}
      </Section>
      <Section
        title="Teams"
        description="Groups of people, such as a sewing line or the woodshop."
        addLabel="Add team"
        onAdd={canEdit ? () => setEditing({ what: 'team' }) : undefined}
      >
        {teams.length === 0 ? (
          <EmptyState title="No teams yet">Group people by the work they do together.</EmptyState>
        ) : (
          <List>
            {teams.map((t) => (
              <Row
                key={t.id}
                name={t.name}
                description={t.description}
                active={t.is_active}
                onEdit={canEdit ? () => setEditing({ what: 'team', value: t }) : undefined}
                onToggle={canEdit ? () => toggle(setTeamActive, t.id, !t.is_active) : undefined}
              />
            ))}
          </List>
        )}
      </Section>
      <Dialog
        open={editing?.what === 'location'}
        onClose={close}
        title={editing?.what === 'location' && editing.value ? `Edit ${editing.value.name}` : 'Add a location'}
      >
        {editing?.what === 'location' ? <LocationForm orgId={orgId} location={editing.value} onDone={close} /> : null}
      </Dialog>
      <Dialog
        open={editing?.what === 'team'}
        onClose={close}
        title={editing?.what === 'team' && editing.value ? `Edit ${editing.value.name}` : 'Add a team'}
      >
        {editing?.what === 'team' ? <TeamForm orgId={orgId} team={editing.value} onDone={close} /> : null}
      </Dialog>
    </div>
  )
}

function Section({
  title,
  description,
  addLabel,
  onAdd,
  children,
}: {
  title: string
  description: string
  addLabel: string
  onAdd?: () => void
  children: React.ReactNode
}) {
  return (
    <section aria-label={title} className="flex flex-col gap-3">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h2 className="text-lg font-semibold">{title}</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
        </div>
        {onAdd ? (
          <Button variant="secondary" onClick={onAdd}>
            {addLabel}
          </Button>
        ) : null}
      </div>
      {children}
    </section>
  )
}

function List({ children }: { children: React.ReactNode }) {
  return (
    <ul className="divide-y divide-zinc-100 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
      {children}
    </ul>
  )
}

function Row({
  name,
  description,
  active,
  badge,
  onEdit,
  onToggle,
}: {
  name: string
  description: string | null
  active: boolean
  badge?: React.ReactNode
  onEdit?: () => void
  onToggle?: () => void
}) {
  return (
    <li className={cn('flex flex-wrap items-center gap-3 px-4 py-3', !active && 'bg-zinc-50 dark:bg-zinc-900/40')}>
      <div className="min-w-0 flex-1">
        <p className={cn('font-medium', !active && 'text-zinc-500 dark:text-zinc-400')}>
          {name}
          {!active ? <span className="ml-2 text-xs font-normal text-zinc-500 dark:text-zinc-400">Archived</span> : null}
        </p>
        {description ? <p className="truncate text-sm text-zinc-500 dark:text-zinc-400">{description}</p> : null}
      </div>
      {badge}
      {onEdit ? (
        <Button variant="ghost" size="sm" onClick={onEdit} aria-label={`Edit ${name}`}>
          Edit
        </Button>
      ) : null}
      {onToggle ? (
        <Button variant="ghost" size="sm" onClick={onToggle} aria-label={`${active ? 'Archive' : 'Restore'} ${name}`}>
          {active ? 'Archive' : 'Restore'}
        </Button>
      ) : null}
    </li>
  )
}
