'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Select } from '@/components/common/select'
import { Button, Input } from '@/components/ui'
import { newClientId } from '@/lib/client-id'
import { createCount } from '@/lib/stock/actions'
import { CountCreateInput } from '@/lib/stock/schema'

type Values = z.input<typeof CountCreateInput>

/**
 * A new count (supervisors+): what to count (locations, categories or a cycle selection), blind or
 * guided, and who counts. The database checks it all again and freezes the snapshot at Start.
 */
export function CountCreateForm({
  orgId,
  slug,
  locations,
  categories,
  counters,
}: {
  orgId: string
  slug: string
  locations: { id: string; name: string }[]
  categories: string[]
  counters: { id: string; display_name: string; role: string }[]
}) {
  const router = useRouter()
  const form = useForm<Values, unknown, z.output<typeof CountCreateInput>>({
    resolver: zodResolver(CountCreateInput),
    defaultValues: {
      orgId,
      clientId: newClientId(),
      title: '',
      scope: 'locations',
      mode: 'blind',
      locationIds: [],
      categories: [],
      cycleRule: '',
      cycleClass: '',
      cycleSize: 20,
      counterIds: [],
    },
  })
  const { errors, isSubmitting } = form.formState
  const scope = form.watch('scope')
  const cycleRule = form.watch('cycleRule')
  const onSubmit = form.handleSubmit(async (values) => {
    const r = await createCount(values)
    if (!r.ok) return showFailure(form, r)
    router.push(`/${slug}/counts/${r.data.id}`)
  })
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="New count">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <FormField id="count-title" label="Title (optional)" error={errors.title?.message}>
        {(control) => <Input {...control} placeholder="Assembly shelves" {...form.register('title')} />}
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="count-scope" label="What to count" error={errors.scope?.message}>
          {(control) => (
            <Select {...control} {...form.register('scope')}>
              <option value="locations">Everything at chosen locations</option>
              <option value="categories">Chosen categories</option>
              <option value="cycle">Cycle count: N items</option>
            </Select>
          )}
        </FormField>
        <FormField
          id="count-mode"
          label="Mode"
          error={errors.mode?.message}
          hint="Blind: counters never see what is expected (the database does not send it)"
        >
          {(control) => (
            <Select {...control} {...form.register('mode')}>
              <option value="blind">Blind</option>
              <option value="guided">Guided (expected shown)</option>
            </Select>
          )}
        </FormField>
      </div>
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium">Locations {scope === 'locations' ? '' : '(optional filter)'}</legend>
        <div className="flex flex-wrap gap-3">
          {locations.map((l) => (
            <label key={l.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={l.id} {...form.register('locationIds')} /> {l.name}
            </label>
          ))}
        </div>
        {errors.locationIds?.message ? (
          <p className="text-sm text-red-700 dark:text-red-300">{errors.locationIds.message}</p>
        ) : null}
      </fieldset>
      {scope === 'categories' ? (
        <fieldset className="flex flex-col gap-1">
          <legend className="text-sm font-medium">Categories</legend>
          <div className="flex flex-wrap gap-3">
            {categories.map((c) => (
              <label key={c} className="flex items-center gap-2 text-sm">
                <input type="checkbox" value={c} {...form.register('categories')} /> {c}
              </label>
            ))}
          </div>
          {errors.categories?.message ? (
            <p className="text-sm text-red-700 dark:text-red-300">{errors.categories.message}</p>
          ) : null}
        </fieldset>
      ) : null}
      {scope === 'cycle' ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <FormField id="count-cycle-rule" label="Pick items by" error={errors.cycleRule?.message}>
            {(control) => (
              <Select {...control} {...form.register('cycleRule')}>
                <option value="">Choose…</option>
                <option value="longest_since_counted">Longest since counted</option>
                <option value="abc">ABC class (longest since counted first)</option>
              </Select>
            )}
          </FormField>
          {cycleRule === 'abc' ? (
            <FormField id="count-cycle-class" label="Class" error={errors.cycleClass?.message}>
              {(control) => (
                <Select {...control} {...form.register('cycleClass')}>
                  <option value="">Choose…</option>
                  <option value="A">A</option>
                  <option value="B">B</option>
                  <option value="C">C</option>
                </Select>
              )}
            </FormField>
          ) : null}
          <FormField id="count-cycle-size" label="How many items" error={errors.cycleSize?.message}>
            {(control) => <Input {...control} type="number" min={1} max={5000} {...form.register('cycleSize')} />}
          </FormField>
        </div>
      ) : null}
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium">Counters (none chosen: anyone)</legend>
        <div className="flex flex-wrap gap-3">
          {counters.map((m) => (
            <label key={m.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={m.id} {...form.register('counterIds')} /> {m.display_name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex justify-end">
        <Button type="submit" pending={isSubmitting}>
          Create count
        </Button>
      </div>
    </form>
  )
}
