'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'
import { useFieldArray, useForm, useWatch } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Pill } from '@/components/common/pill'
import { Select } from '@/components/common/select'
import { Button, Input } from '@/components/ui'
import { PRIORITY_TONE } from '@/lib/floor/format'
import { createFloorQueue, previewPriorityRules, updateFloorQueue } from '@/lib/floor-queues/actions'
import { PRIORITIES, QueueFields, RULE_FIELDS, RULE_OPS, Rule } from '@/lib/floor-queues/schemas'
import { describeRule } from '@/lib/floor-queues/text'
import type { PreviewRow } from '@/lib/floor-queues/types'

type Values = z.input<typeof QueueFields>
type Option = { id: string; name: string }

const FIELD_LABEL: Record<(typeof RULE_FIELDS)[number], string> = {
  due_in_days: 'Days until due',
  priority: 'Production priority',
  is_late: 'Late',
  quality_status: 'Quality',
  kind: 'Kind',
  stage: 'Stage',
}
const VALUE_HINT: Record<(typeof RULE_FIELDS)[number], string> = {
  due_in_days: 'a number, e.g. 2',
  priority: 'low, standard, high or rush',
  is_late: 'true or false',
  quality_status: 'good, warning or failed',
  kind: 'order or batch',
  stage: 'a stage name',
}

/**
 * Create or edit a floor queue. Priority rules are edited as rules (field, comparison, value →
 * priority), read back in words, and previewed live against today's work by the database's own
 * ranking (floor_priority_preview) — the same check the floor_queues trigger runs on save.
 */
export function QueueForm({
  orgId,
  queueId,
  initial,
  locations,
  teams,
  stages,
  slug,
}: {
  orgId: string
  queueId?: string
  initial: Values
  locations: Option[]
  teams: Option[]
  stages: Array<{ stage: string; name: string }>
  slug: string
}) {
  const router = useRouter()
  const form = useForm<Values, unknown, z.output<typeof QueueFields>>({
    resolver: zodResolver(QueueFields),
    defaultValues: initial,
  })
  const rules = useFieldArray({ control: form.control, name: 'rules' })
  const { errors, isSubmitting } = form.formState
  const rulesError = errors.rules?.message ?? errors.rules?.root?.message
  const stageName =
    typeof initial.stage === 'string' && initial.stage
      ? (stages.find((s) => s.stage === initial.stage)?.name ?? initial.stage)
      : 'No stage'
  const id = (k: string) => `${queueId ?? 'new'}-${k}`
  const watched = useWatch({ control: form.control, name: 'rules' })
  const [preview, setPreview] = useState<{ rows: PreviewRow[] } | { error: string } | null>(null)

  // the live preview: the database ranks today's work by the draft rules (debounced)
  const key = JSON.stringify(watched ?? [])
  useEffect(() => {
    const draft = (JSON.parse(key) as unknown[]).map((r) => Rule.safeParse(r))
    if (draft.some((r) => !r.success)) {
      setPreview({ error: 'Finish each rule (a value for every condition) to see the preview.' })
      return
    }
    const t = setTimeout(async () => {
      const r = await previewPriorityRules({
        orgId,
        queueId: queueId ?? null,
        rules: draft.map((d) => (d.success ? d.data : null)).filter((d): d is Rule => d !== null),
      })
      setPreview(r.ok ? { rows: r.data } : { error: r.message })
    }, 300)
    return () => clearTimeout(t)
  }, [key, orgId, queueId])

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      aria-label={queueId ? 'Edit queue' : 'New queue'}
      onSubmit={form.handleSubmit(async (values) => {
        const r = queueId
          ? await updateFloorQueue({ ...values, queueId })
          : await createFloorQueue({ ...values, orgId })
        if (!r.ok) return showFailure(form, r)
        if (queueId) router.refresh()
        else router.push(`/${slug}/queues?q=${r.data.id}`)
      })}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={id('name')} label="Name" error={errors.name?.message}>
          {(c) => <Input {...c} {...form.register('name')} />}
        </FormField>
        {queueId ? (
          <div className="flex flex-col gap-1.5">
            <p className="text-sm font-medium">Stage</p>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">{stageName} · set when the queue is made</p>
            {errors.stage?.message ? (
              <p className="text-sm text-red-700 dark:text-red-300">{errors.stage.message}</p>
            ) : null}
          </div>
        ) : (
          <FormField
            id={id('stage')}
            label="Stage"
            hint="Items entering it join the queue"
            error={errors.stage?.message}
          >
            {(c) => (
              <Select {...c} {...form.register('stage')}>
                <option value="">No stage (work is added by hand)</option>
                {stages.map((s) => (
                  <option key={s.stage} value={s.stage}>
                    {s.name}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
        )}
        <FormField
          id={id('location')}
          label="Location"
          hint="Work goes only to people PINed in here"
          error={errors.locationId?.message}
        >
          {(c) => (
            <Select {...c} {...form.register('locationId')}>
              <option value="">Any location</option>
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField id={id('team')} label="Team" error={errors.teamId?.message}>
          {(c) => (
            <Select {...c} {...form.register('teamId')}>
              <option value="">Any team</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField
          id={id('capacity')}
          label="Items per person"
          hint="Auto-assign and Balance stop here"
          error={errors.memberCapacity?.message}
        >
          {(c) => (
            <Input {...c} type="number" inputMode="numeric" min={1} max={100} {...form.register('memberCapacity')} />
          )}
        </FormField>
        <FormField
          id={id('max')}
          label="Most items in the queue"
          hint="Empty: no limit"
          error={errors.maxItems?.message}
        >
          {(c) => <Input {...c} type="number" inputMode="numeric" min={1} {...form.register('maxItems')} />}
        </FormField>
        <div className="flex items-center gap-3 sm:col-span-2">
          <input id={id('auto')} type="checkbox" className="size-5" {...form.register('autoAssign')} />
          <label htmlFor={id('auto')} className="text-sm font-medium">
            Auto-assign new work to the least loaded person PINed in here
          </label>
        </div>
      </div>

      <fieldset className="flex flex-col gap-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
        <legend className="px-1 text-sm font-semibold">Priority rules</legend>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          New work gets the priority of the first rule it matches; without a match, rush → urgent, high → high, standard
          → normal, low → low.
        </p>
        {rules.fields.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">No rules.</p> : null}
        <ol className="flex flex-col gap-3">
          {rules.fields.map((f, n) => {
            const rid = (k: string) => id(`rule-${n}-${k}`)
            const field = watched?.[n]?.field ?? 'priority'
            const e = errors.rules?.[n]
            const parsed = Rule.safeParse(watched?.[n])
            return (
              <li
                key={f.id}
                className="grid gap-2 rounded-lg bg-zinc-50 p-3 dark:bg-zinc-800/40 sm:grid-cols-[1fr_6rem_1fr_8rem_auto]"
                data-testid="rule"
              >
                <FormField id={rid('field')} label={`Rule ${n + 1}: when`}>
                  {(c) => (
                    <Select {...c} {...form.register(`rules.${n}.field`)}>
                      {RULE_FIELDS.map((x) => (
                        <option key={x} value={x}>
                          {FIELD_LABEL[x]}
                        </option>
                      ))}
                    </Select>
                  )}
                </FormField>
                <FormField id={rid('op')} label="is">
                  {(c) => (
                    <Select {...c} {...form.register(`rules.${n}.op`)}>
                      {RULE_OPS.map((x) => (
                        <option key={x} value={x}>
                          {x}
                        </option>
                      ))}
                    </Select>
                  )}
                </FormField>
                <FormField id={rid('value')} label="value" hint={VALUE_HINT[field]} error={e?.value?.message}>
                  {(c) =>
                    field === 'stage' ? (
                      <Select {...c} {...form.register(`rules.${n}.value`)}>
                        {stages.map((s) => (
                          <option key={s.stage} value={s.stage}>
                            {s.name}
                          </option>
                        ))}
                      </Select>
                    ) : (
                      <Input {...c} {...form.register(`rules.${n}.value`)} />
                    )
                  }
                </FormField>
                <FormField id={rid('priority')} label="→ priority">
                  {(c) => (
                    <Select {...c} {...form.register(`rules.${n}.priority`)}>
                      {PRIORITIES.map((p) => (
                        <option key={p} value={p}>
                          {p}
                        </option>
                      ))}
                    </Select>
                  )}
                </FormField>
                <div className="flex items-end">
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    onClick={() => rules.remove(n)}
                    aria-label={`Remove rule ${n + 1}`}
                  >
                    Remove
                  </Button>
                </div>
                <p className="text-sm font-medium sm:col-span-5" data-testid="rule-words">
                  {parsed.success ? describeRule(parsed.data) : 'Give the rule a value.'}
                </p>
              </li>
            )
          })}
        </ol>
        {rulesError ? <Alert tone="error">{rulesError}</Alert> : null}
        <div>
          <Button
            type="button"
            variant="secondary"
            size="sm"
            disabled={rules.fields.length >= 20}
            onClick={() => rules.append({ field: 'due_in_days', op: '<=', value: '2', priority: 'high' })}
          >
            Add a rule
          </Button>
        </div>
        <RulePreview preview={preview} />
      </fieldset>

      {errors.root ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <div>
        <Button type="submit" pending={isSubmitting}>
          {queueId ? 'Save queue' : 'Create queue'}
        </Button>
      </div>
    </form>
  )
}

function RulePreview({ preview }: { preview: { rows: PreviewRow[] } | { error: string } | null }) {
  return (
    <section aria-label="Preview" aria-live="polite" className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold">Preview: today&apos;s work under these rules</h3>
      {preview === null ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Ranking…</p>
      ) : 'error' in preview ? (
        <Alert tone="warning">{preview.error}</Alert>
      ) : preview.rows.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No open work to rank today.</p>
      ) : (
        <ol className="flex flex-col divide-y divide-zinc-100 text-sm dark:divide-zinc-800" data-testid="rule-preview">
          {preview.rows.slice(0, 10).map((r) => (
            <li key={`${r.kind}-${r.ref_id}`} className="flex flex-wrap items-center gap-2 py-1.5">
              <Pill tone={PRIORITY_TONE[r.priority]} className="capitalize">
                {r.priority}
              </Pill>
              <span className="font-medium tabular-nums">{r.number}</span>
              <span className="min-w-0 flex-1 truncate text-zinc-600 dark:text-zinc-400">
                {r.title}
                {r.due_date ? ` · due ${r.due_date}` : ''}
              </span>
              <span className="text-xs text-zinc-600 dark:text-zinc-400">
                {r.matched_rule === null
                  ? `default (${r.production_priority ?? 'standard'})`
                  : `rule ${r.matched_rule + 1}`}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
