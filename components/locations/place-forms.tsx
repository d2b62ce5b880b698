'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Select } from '@/components/common/select'
import { Textarea } from '@/components/common/textarea'
import { Button, Input } from '@/components/ui'
import { createLocation, createTeam, updateLocation, updateTeam } from '@/lib/locations/actions'
import { KIND_LABEL, LOCATION_KINDS, LocationFields, TeamFields } from '@/lib/locations/schema'
import type { Database } from '@/types/database'

type Kind = Database['public']['Enums']['location_kind']
export interface LocationValue {
  id: string
  name: string
  kind: Kind
  description: string | null
}
export interface TeamValue {
  id: string
  name: string
  description: string | null
}

export function LocationForm({
  orgId,
  location,
  onDone,
}: {
  orgId: string
  location?: LocationValue
  onDone: () => void
}) {
  const form = useForm<z.input<typeof LocationFields>, unknown, z.output<typeof LocationFields>>({
    resolver: zodResolver(LocationFields),
    defaultValues: {
      name: location?.name ?? '',
      kind: location?.kind ?? 'area',
      description: location?.description ?? '',
    },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async (values) => {
    const result = location
      ? await updateLocation({ id: location.id, ...values, description: values.description ?? '' })
      : await createLocation({ orgId, ...values, description: values.description ?? '' })
    if (!result.ok) return showFailure(form, result)
    onDone()
  })
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <FormField id="location-name" label="Name" error={errors.name?.message}>
        {(control) => <Input {...control} autoFocus {...form.register('name')} />}
      </FormField>
      <FormField
        id="location-kind"
        label="Kind"
        error={errors.kind?.message}
        hint="A workstation is one bench or booth where a station tablet lives"
      >
        {(control) => (
          <Select {...control} {...form.register('kind')}>
            {LOCATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </Select>
        )}
      </FormField>
      <FormField id="location-description" label="Description (optional)" error={errors.description?.message}>
        {(control) => <Textarea {...control} rows={2} {...form.register('description')} />}
      </FormField>
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={isSubmitting}>
          {location ? 'Save' : 'Add location'}
        </Button>
      </div>
    </form>
  )
}

export function TeamForm({ orgId, team, onDone }: { orgId: string; team?: TeamValue; onDone: () => void }) {
  const form = useForm<z.input<typeof TeamFields>, unknown, z.output<typeof TeamFields>>({
    resolver: zodResolver(TeamFields),
    defaultValues: { name: team?.name ?? '', description: team?.description ?? '' },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async (values) => {
    const result = team
      ? await updateTeam({ id: team.id, ...values, description: values.description ?? '' })
      : await createTeam({ orgId, ...values, description: values.description ?? '' })
    if (!result.ok) return showFailure(form, result)
    onDone()
  })
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <FormField id="team-name" label="Name" error={errors.name?.message}>
        {(control) => <Input {...control} autoFocus {...form.register('name')} />}
      </FormField>
      <FormField id="team-description" label="Description (optional)" error={errors.description?.message}>
        {(control) => <Textarea {...control} rows={2} {...form.register('description')} />}
      </FormField>
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={isSubmitting}>
          {team ? 'Save' : 'Add team'}
        </Button>
      </div>
    </form>
  )
}
