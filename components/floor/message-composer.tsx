'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Select } from '@/components/common/select'
import { Textarea } from '@/components/common/textarea'
import { Button } from '@/components/ui'
import { sendFloorMessage } from '@/lib/floor-messages/actions'
import { MESSAGE_LIFETIMES, SendMessageInput } from '@/lib/floor-messages/schemas'

type Values = z.input<typeof SendMessageInput>
type Option = { id: string; name: string }

/** A short message to a location, a team or a person: a banner on their tablets until acknowledged. */
export function MessageComposer({
  orgId,
  locations,
  teams,
  people,
}: {
  orgId: string
  locations: Option[]
  teams: Option[]
  people: Option[]
}) {
  const router = useRouter()
  const form = useForm<Values, unknown, z.output<typeof SendMessageInput>>({
    resolver: zodResolver(SendMessageInput),
    defaultValues: { orgId, body: '', to: '', urgent: false, expiresInMinutes: 720 },
  })
  const { errors, isSubmitting, isSubmitSuccessful } = form.formState
  return (
    <form
      noValidate
      aria-label="Send a message to the floor"
      className="grid gap-3 sm:grid-cols-2"
      onSubmit={form.handleSubmit(async (values) => {
        const r = await sendFloorMessage(values)
        if (!r.ok) return showFailure(form, r)
        form.reset({ ...values, body: '' }, { keepIsSubmitSuccessful: true })
        router.refresh()
      })}
    >
      <div className="sm:col-span-2">
        <FormField id="msg-body" label="Message" hint="Up to 280 characters" error={errors.body?.message}>
          {(c) => <Textarea {...c} rows={2} maxLength={280} {...form.register('body')} />}
        </FormField>
      </div>
      <FormField id="msg-to" label="To" error={errors.to?.message}>
        {(c) => (
          <Select {...c} {...form.register('to')}>
            <option value="">Choose…</option>
            <optgroup label="Locations">
              {locations.map((l) => (
                <option key={l.id} value={`location:${l.id}`}>
                  {l.name}
                </option>
              ))}
            </optgroup>
            {teams.length ? (
              <optgroup label="Teams">
                {teams.map((t) => (
                  <option key={t.id} value={`team:${t.id}`}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label="People">
              {people.map((p) => (
                <option key={p.id} value={`person:${p.id}`}>
                  {p.name}
                </option>
              ))}
            </optgroup>
          </Select>
        )}
      </FormField>
      <FormField id="msg-expires" label="Shown for" error={errors.expiresInMinutes?.message}>
        {(c) => (
          <Select {...c} {...form.register('expiresInMinutes')}>
            {MESSAGE_LIFETIMES.map((l) => (
              <option key={l.minutes} value={l.minutes}>
                {l.label}
              </option>
            ))}
          </Select>
        )}
      </FormField>
      <div className="flex items-center gap-3">
        <input id="msg-urgent" type="checkbox" className="size-5" {...form.register('urgent')} />
        <label htmlFor="msg-urgent" className="text-sm font-medium">
          Urgent (shown as an alert)
        </label>
      </div>
      <div className="flex items-center justify-end gap-3">
        {isSubmitSuccessful && !errors.root ? (
          <span className="text-sm text-zinc-600 dark:text-zinc-400">Sent.</span>
        ) : null}
        <Button type="submit" pending={isSubmitting}>
          Send
        </Button>
      </div>
      {errors.root ? (
        <Alert tone="error" className="sm:col-span-2">
          {errors.root.message}
        </Alert>
      ) : null}
    </form>
  )
}
