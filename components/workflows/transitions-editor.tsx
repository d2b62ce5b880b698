'use client'
import { useFieldArray, useWatch } from 'react-hook-form'
import { FormField } from '@/components/common/form-field'
import { Select } from '@/components/common/select'
import { Button, FieldError, Input } from '@/components/ui'
import { ROLE_LABEL } from '@/lib/members/roles'
import { ROLES } from '@/lib/workflows/fsm'
import type { TransitionRow } from '@/lib/workflows/schema'
import type { WorkflowForm } from './states-editor'

const blankTransition = (): TransitionRow => ({
  name: '',
  fromMode: 'one',
  fromOne: '',
  fromMany: [],
  to: '',
  needsReason: false,
  minRole: '',
})

/** The transitions: a name, the state(s) it leaves (one, several or any), where it goes, and what it needs. */
export function TransitionsEditor({ form }: { form: WorkflowForm }) {
  const transitions = useFieldArray({ control: form.control, name: 'transitions' })
  const states = useWatch({ control: form.control, name: 'states' })
  const modes = useWatch({ control: form.control, name: 'transitions' })
  const { errors } = form.formState
  const options = states.map((s, i) => ({ uid: s.uid, name: s.key.trim() || `(state ${i + 1})` }))
  return (
    <div className="flex flex-col gap-3">
      <ol className="flex flex-col divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Transitions">
        {transitions.fields.map((t, i) => {
          const e = errors.transitions?.[i]
          const mode = modes?.[i]?.fromMode ?? 'one'
          const label = modes?.[i]?.name?.trim() || `transition ${i + 1}`
          return (
            <li
              key={t.id}
              className="grid gap-3 py-3 first:pt-0 sm:grid-cols-2 lg:grid-cols-4"
              data-testid="transition-row"
            >
              <FormField id={`wf-tr-${i}-name`} label={`Transition ${i + 1} name`} error={e?.name?.message}>
                {(c) => <Input {...c} autoComplete="off" {...form.register(`transitions.${i}.name`)} />}
              </FormField>
              <FormField id={`wf-tr-${i}-mode`} label={`${label}: leaves`} error={e?.fromMode?.message}>
                {(c) => (
                  <Select {...c} {...form.register(`transitions.${i}.fromMode`)}>
                    <option value="one">one state</option>
                    <option value="several">several states</option>
                    <option value="any">any state</option>
                  </Select>
                )}
              </FormField>
              {mode === 'one' ? (
                <FormField id={`wf-tr-${i}-from`} label={`${label}: from`} error={e?.fromOne?.message}>
                  {(c) => (
                    <Select {...c} {...form.register(`transitions.${i}.fromOne`)}>
                      <option value="">Pick a state</option>
                      {options.map((o) => (
                        <option key={o.uid} value={o.uid}>
                          {o.name}
                        </option>
                      ))}
                    </Select>
                  )}
                </FormField>
              ) : mode === 'several' ? (
                <fieldset
                  className="flex flex-col gap-1"
                  aria-describedby={e?.fromMany ? `wf-tr-${i}-many-error` : undefined}
                >
                  <legend className="mb-1 text-sm font-medium text-zinc-700 dark:text-zinc-300">{`${label}: from`}</legend>
                  <div className="flex max-h-32 flex-col gap-1 overflow-y-auto">
                    {options.map((o) => (
                      <label key={o.uid} className="inline-flex items-center gap-2 text-sm">
                        <input
                          type="checkbox"
                          value={o.uid}
                          className="size-4 accent-brand-600"
                          {...form.register(`transitions.${i}.fromMany`)}
                        />
                        {o.name}
                      </label>
                    ))}
                  </div>
                  <FieldError id={`wf-tr-${i}-many-error`} message={e?.fromMany?.message} className="mt-0" />
                </fieldset>
              ) : (
                <p className="self-end pb-2.5 text-sm text-zinc-500 dark:text-zinc-400">From every state</p>
              )}
              <FormField id={`wf-tr-${i}-to`} label={`${label}: to`} error={e?.to?.message}>
                {(c) => (
                  <Select {...c} {...form.register(`transitions.${i}.to`)}>
                    <option value="">Pick a state</option>
                    {options.map((o) => (
                      <option key={o.uid} value={o.uid}>
                        {o.name}
                      </option>
                    ))}
                  </Select>
                )}
              </FormField>
              <div className="flex flex-wrap items-end gap-3 sm:col-span-2 lg:col-span-4">
                <label className="inline-flex h-10 items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="size-4 accent-brand-600"
                    {...form.register(`transitions.${i}.needsReason`)}
                  />
                  Needs a reason
                </label>
                <div className="w-60">
                  <FormField id={`wf-tr-${i}-role`} label="Who may do it" error={e?.minRole?.message}>
                    {(c) => (
                      <Select {...c} {...form.register(`transitions.${i}.minRole`)}>
                        <option value="">Anyone who works it</option>
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABEL[r]} or above
                          </option>
                        ))}
                      </Select>
                    )}
                  </FormField>
                </div>
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  className="mb-0.5 ml-auto"
                  aria-label={`Remove ${label}`}
                  onClick={() => transitions.remove(i)}
                >
                  Remove
                </Button>
              </div>
            </li>
          )
        })}
      </ol>
      {transitions.fields.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          No transitions yet: items would stay where they start.
        </p>
      ) : null}
      <div>
        <Button
          type="button"
          variant="secondary"
          size="sm"
          onClick={() =>
            transitions.append(blankTransition(), {
              shouldFocus: true,
              focusName: `transitions.${transitions.fields.length}.name`,
            })
          }
        >
          Add a transition
        </Button>
      </div>
    </div>
  )
}
