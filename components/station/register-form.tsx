'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Select } from '@/components/common/select'
import { Button, Input } from '@/components/ui'
import { registerStation } from '@/lib/station/actions'
import { RegisterStationInput } from '@/lib/station/schema'

export function RegisterStationForm({
  locations,
  signedInAs,
}: {
  locations: { id: string; name: string }[]
  signedInAs: string
}) {
  const form = useForm<z.input<typeof RegisterStationInput>, unknown, z.output<typeof RegisterStationInput>>({
    resolver: zodResolver(RegisterStationInput),
    defaultValues: { locationId: locations[0]?.id ?? '', name: '' },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await registerStation(values)
    if (result && !result.ok) showFailure(form, result)
  })
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <FormField
        id="station-location"
        label="Location"
        error={errors.locationId?.message}
        hint="Where this tablet lives on the floor"
      >
        {(control) => (
          <Select {...control} touch {...form.register('locationId')}>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </Select>
        )}
      </FormField>
      <FormField
        id="station-name"
        label="Tablet name (optional)"
        error={errors.name?.message}
        hint="Defaults to the location's name, e.g. “Sanding”"
      >
        {(control) => <Input {...control} touch autoComplete="off" {...form.register('name')} />}
      </FormField>
      <Alert tone="info">
        You ({signedInAs}) will be signed out of this tablet. From then on it shows the PIN pad, and operators PIN in
        with their badge.
      </Alert>
      <Button type="submit" size="touch" className="h-14 text-lg" pending={isSubmitting}>
        Sign this tablet in as a station
      </Button>
    </form>
  )
}
