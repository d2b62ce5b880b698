import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { Button, Input } from '@/components/ui'
import { joinInfo } from '@/lib/queues/public'
import { type CustomField, jsonSchemaToFields } from '@/lib/workflows/fields'

// Public and per token: never cached or indexed; the token stays out of any link's referrer.
export const dynamic = 'force-dynamic'
export const metadata: Metadata = {
  title: 'Join the queue',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
}

type Search = Record<string, string | string[] | undefined>
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined

function fieldsOf(schema: unknown): CustomField[] {
  const r = jsonSchemaToFields(schema)
  return r.ok ? r.value.fields : []
}

/**
 * /q/<join token>: the poster's QR link. Phone-sized, a plain HTML form (it works without
 * JavaScript; the chosen type's fields show by CSS :has()), posting to /api/q/join, which answers a
 * browser with a redirect to the ticket page — or back here with the reason under its field.
 */
export default async function JoinPage({
  params,
  searchParams,
}: {
  params: Promise<{ joinToken: string }>
  searchParams: Promise<Search>
}) {
  const { joinToken } = await params
  const sp = await searchParams
  const info = await joinInfo(joinToken)
  if (!info) notFound()
  const error = one(sp.error)
  const errorField = one(sp.field)
  const chosen = one(sp.type) ?? (info.types.length === 1 ? info.types[0]?.id : undefined)
  const closed = !info.is_active || !info.is_open || info.join_mode === 'staff'
  // show only the picked type's fields, without a script
  const css = info.types.map((t, i) => `form:has(#type-${i}:checked) [data-fields="${i}"]{display:block}`).join('')
  return (
    <main className="min-h-dvh bg-zinc-50 px-4 py-6 sm:py-12 dark:bg-zinc-950">
      <style>{`[data-fields]{display:none}${css}`}</style>
      <div className="mx-auto max-w-md">
        <p className="text-sm font-medium text-zinc-600 dark:text-zinc-400">{info.workshop}</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
          Join the queue: {info.queue_name}
        </h1>
        <p className="mt-2 text-zinc-700 dark:text-zinc-300">
          {info.waiting === 0
            ? 'Nobody is waiting right now.'
            : `${info.waiting} ${info.waiting === 1 ? 'person is' : 'people are'} waiting.`}{' '}
          You get a ticket number and a page that shows your place, live.
        </p>
        {closed ? (
          <div
            role="status"
            className="mt-6 rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-100"
          >
            {info.join_mode === 'staff'
              ? 'Please ask at the counter: staff add you to this queue.'
              : 'This queue is closed right now. Please come back in opening hours.'}
          </div>
        ) : (
          <form
            method="post"
            action="/api/q/join"
            encType="multipart/form-data"
            className="mt-6 flex flex-col gap-5 rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
          >
            <input type="hidden" name="join_token" value={joinToken} />
            {error ? (
              <div
                role="alert"
                className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-500/40 dark:bg-red-500/10 dark:text-red-100"
              >
                {error}
              </div>
            ) : null}
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-2 text-base font-medium text-zinc-900 dark:text-zinc-100">
                What are you here for?
              </legend>
              {info.types.map((t, i) => (
                <label
                  key={t.id}
                  htmlFor={`type-${i}`}
                  className="flex min-h-12 cursor-pointer items-center gap-3 rounded-xl border border-zinc-300 px-4 has-checked:border-brand-600 has-checked:bg-brand-50 dark:border-zinc-700 dark:has-checked:bg-brand-500/15"
                >
                  <input
                    id={`type-${i}`}
                    type="radio"
                    name="type_definition_id"
                    value={t.id}
                    required
                    defaultChecked={t.id === chosen}
                    className="size-5 accent-brand-600"
                  />
                  <span className="text-base text-zinc-900 dark:text-zinc-100">{t.name}</span>
                </label>
              ))}
            </fieldset>
            {info.types.map((t, i) => {
              const fields = fieldsOf(t.custom_fields_schema)
              if (!fields.length) return null
              return (
                <div key={t.id} data-fields={i} className="flex-col gap-4">
                  <div className="flex flex-col gap-4">
                    {fields.map((f) => (
                      <CustomInput
                        key={f.key}
                        typeIndex={i}
                        field={f}
                        error={errorField === f.key ? error : undefined}
                      />
                    ))}
                  </div>
                </div>
              )
            })}
            <div className="flex flex-col gap-1.5">
              <label htmlFor="phone" className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
                Mobile number {info.phone_required ? '(required)' : '(optional)'}
              </label>
              <Input
                id="phone"
                name="phone"
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                touch
                required={info.phone_required}
                invalid={errorField === 'phone'}
                aria-describedby="phone-help"
              />
              <p id="phone-help" className="text-sm text-zinc-600 dark:text-zinc-400">
                {info.texts
                  ? 'We text you when you are nearly next and when it is your turn.'
                  : 'So staff can reach you if you step out.'}
              </p>
            </div>
            <Button type="submit" size="touch" className="w-full text-lg">
              Get my ticket
            </Button>
          </form>
        )}
      </div>
    </main>
  )
}

function CustomInput({ typeIndex, field, error }: { typeIndex: number; field: CustomField; error?: string }) {
  const id = `f-${typeIndex}-${field.key}`
  const name = `f.${field.key}`
  const label = (
    <label htmlFor={id} className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
      {field.label || field.key} {field.required ? '(required)' : '(optional)'}
    </label>
  )
  const errorText = error ? (
    <p id={`${id}-error`} className="text-sm text-red-700 dark:text-red-300">
      {error}
    </p>
  ) : null
  if (field.kind === 'boolean') {
    return (
      <div className="flex items-center gap-3">
        <input id={id} name={name} type="checkbox" className="size-5 accent-brand-600" />
        {label}
        {errorText}
      </div>
    )
  }
  if (field.kind === 'choice') {
    return (
      <div className="flex flex-col gap-1.5">
        {label}
        <select
          id={id}
          name={name}
          aria-invalid={Boolean(error) || undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="min-h-12 rounded-lg border border-zinc-300 bg-white px-3 text-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="">Choose…</option>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        {errorText}
      </div>
    )
  }
  return (
    <div className="flex flex-col gap-1.5">
      {label}
      <Input
        id={id}
        name={name}
        touch
        type={field.kind === 'date' ? 'date' : 'text'}
        inputMode={field.kind === 'number' ? 'decimal' : field.kind === 'integer' ? 'numeric' : undefined}
        maxLength={field.kind === 'text' ? field.maxLength : undefined}
        invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {errorText}
    </div>
  )
}
