'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { Controller, useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { showFailure } from '@/components/common/form-result'
import { Switch } from '@/components/common/switch'
import { Button, FieldError, Input } from '@/components/ui'
import { cn } from '@/lib/cn'
import { savePreferences } from '@/lib/preferences/actions'
import { PRESET_COLORS, SavePreferencesInput } from '@/lib/preferences/schema'

type In = z.input<typeof SavePreferencesInput>
type Out = z.output<typeof SavePreferencesInput>

const SCHEMES = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
] as const
const SIZES = [
  { value: 'small', label: 'Small', sample: 'text-[0.85rem]' },
  { value: 'medium', label: 'Medium', sample: 'text-base' },
  { value: 'large', label: 'Large', sample: 'text-[1.15rem]' },
] as const
const SWITCHES = [
  { name: 'pushNotifications', label: 'Push notifications', hint: 'Alerts on this person’s devices' },
  { name: 'soundEnabled', label: 'Sounds', hint: 'A tone on scans and alerts' },
  {
    name: 'vibrationEnabled',
    label: 'Vibration',
    hint: 'Haptic feedback on scans and alerts, where the device has it',
  },
] as const

export function PreferencesForm({ initial }: { initial: In }) {
  const [saved, setSaved] = useState(false)
  const form = useForm<In, unknown, Out>({ resolver: zodResolver(SavePreferencesInput), defaultValues: initial })
  const { errors, isSubmitting, isDirty } = form.formState

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false)
    const result = await savePreferences(values)
    if (!result.ok) return showFailure(form, result)
    form.reset(result.data)
    setSaved(true)
  })

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      {saved && !isDirty ? <Alert tone="success">Saved. Your preferences apply on every page and device.</Alert> : null}

      <Group title="Appearance">
        <Controller
          control={form.control}
          name="colorScheme"
          render={({ field }) => (
            <Segmented
              legend="Colour scheme"
              name={field.name}
              value={field.value}
              options={SCHEMES}
              onChange={field.onChange}
            />
          )}
        />
        <Controller
          control={form.control}
          name="fontSize"
          render={({ field }) => (
            <Segmented
              legend="Text size"
              name={field.name}
              value={field.value}
              options={SIZES}
              onChange={field.onChange}
            />
          )}
        />
        <Controller
          control={form.control}
          name="primaryColor"
          render={({ field }) => (
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-2 text-sm font-medium text-zinc-700 dark:text-zinc-300">Accent colour</legend>
              <div className="flex flex-wrap items-center gap-2">
                {PRESET_COLORS.map((c) => (
                  <button
                    key={c}
                    type="button"
                    aria-label={`Use ${c}`}
                    aria-pressed={field.value.toUpperCase() === c}
                    onClick={() => field.onChange(c)}
                    className={cn(
                      'size-9 rounded-full ring-offset-2 ring-offset-white transition-shadow dark:ring-offset-zinc-900',
                      field.value.toUpperCase() === c
                        ? 'ring-2 ring-zinc-900 dark:ring-zinc-100'
                        : 'hover:ring-2 hover:ring-zinc-300',
                    )}
                    style={{ backgroundColor: c }}
                  />
                ))}
                <span className="mx-1 h-6 w-px bg-zinc-200 dark:bg-zinc-700" aria-hidden="true" />
                <input
                  type="color"
                  aria-label="Pick any colour"
                  value={/^#[0-9A-Fa-f]{6}$/.test(field.value) ? field.value : '#007AFF'}
                  onChange={(e) => field.onChange(e.target.value.toUpperCase())}
                  className="size-9 cursor-pointer rounded-full border border-zinc-300 bg-transparent p-0.5 dark:border-zinc-700"
                />
                <div className="w-32">
                  <Input
                    aria-label="Accent colour (hex)"
                    value={field.value}
                    onChange={(e) => field.onChange(e.target.value)}
                    onBlur={field.onBlur}
                    invalid={!!errors.primaryColor}
                    aria-describedby={errors.primaryColor ? 'primary-color-error' : undefined}
                    className="font-mono uppercase"
                    maxLength={7}
                  />
                </div>
              </div>
              <FieldError id="primary-color-error" message={errors.primaryColor?.message} />
            </fieldset>
          )}
        />
      </Group>

      <Group title="Notifications">
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {SWITCHES.map((s) => (
            <li key={s.name} className="flex items-center justify-between gap-4 py-3 first:pt-0 last:pb-0">
              <div>
                <p id={`${s.name}-label`} className="text-sm font-medium">
                  {s.label}
                </p>
                <p className="text-sm text-zinc-500 dark:text-zinc-400">{s.hint}</p>
              </div>
              <Controller
                control={form.control}
                name={s.name}
                render={({ field }) => (
                  <Switch checked={field.value} onCheckedChange={field.onChange} aria-labelledby={`${s.name}-label`} />
                )}
              />
            </li>
          ))}
        </ul>
      </Group>

      <div className="flex justify-end gap-2">
        <Button variant="ghost" disabled={!isDirty || isSubmitting} onClick={() => form.reset()}>
          Discard changes
        </Button>
        <Button type="submit" pending={isSubmitting} disabled={!isDirty}>
          Save preferences
        </Button>
      </div>
    </form>
  )
}

function Group({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section
      aria-label={title}
      className="flex flex-col gap-5 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 className="font-semibold">{title}</h2>
      {children}
    </section>
  )
}

function Segmented<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  legend: string
  name: string
  value: V
  options: readonly { value: V; label: string; sample?: string }[]
  onChange: (v: V) => void
}) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium text-zinc-700 dark:text-zinc-300">{legend}</legend>
      <div className="inline-flex rounded-lg border border-zinc-300 bg-zinc-100 p-1 dark:border-zinc-700 dark:bg-zinc-800">
        {options.map((o) => (
          <label
            key={o.value}
            className={cn(
              'cursor-pointer rounded-md px-4 py-1.5 text-sm font-medium transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500',
              value === o.value
                ? 'bg-white text-zinc-900 shadow-sm dark:bg-zinc-950 dark:text-zinc-50'
                : 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100',
              o.sample,
            )}
          >
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              className="sr-only"
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  )
}
