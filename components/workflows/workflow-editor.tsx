'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useMemo, useState } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Button, buttonClasses, Card, CardContent, CardHeader, CardTitle, Input } from '@/components/ui'
import { saveWorkflow } from '@/lib/workflows/actions'
import { type StateInUse, statesInUseOf } from '@/lib/workflows/errors'
import { fsmOf } from '@/lib/workflows/form-values'
import { type WorkflowFormValues, WorkflowInput } from '@/lib/workflows/schema'
import { FieldsEditor } from './fields-editor'
import { StateDiagram } from './state-diagram'
import { StateInUseDialog } from './state-in-use-dialog'
import { StatesEditor } from './states-editor'
import { TransitionsEditor } from './transitions-editor'
import { TryPanel } from './try-panel'

type Out = z.output<typeof WorkflowInput>

/**
 * Editing an organisation's workflow: states, transitions and custom fields in one form, with the
 * machine drawn live beside it and a "Try it" walk through it. The form checks what is typed; the
 * database checks the machine on save and its refusals land under the inputs they name (FSM_INVALID),
 * or ask where the live items of a removed state should go (STATE_IN_USE).
 */
export function WorkflowEditor({
  slug,
  values,
  fieldsNote,
  live,
}: {
  slug: string
  values: WorkflowFormValues
  fieldsNote: string | null
  /** Live items per saved state key. */
  live: Record<string, number>
}) {
  const router = useRouter()
  const form = useForm<WorkflowFormValues, unknown, Out>({
    resolver: zodResolver(WorkflowInput),
    defaultValues: values,
  })
  const { errors, isSubmitting } = form.formState
  const [unplaced, setUnplaced] = useState<string[]>([])
  const [inUse, setInUse] = useState<StateInUse[]>([])
  const [saved, setSaved] = useState<number | null>(null)
  const [current, setCurrent] = useState<string | null>(null)

  const [states, initUid, transitions, subject, typeName] = useWatch({
    control: form.control,
    name: ['states', 'initUid', 'transitions', 'subject', 'typeName'],
  })
  const machine = JSON.stringify(fsmOf({ states, initUid, transitions, subject }))
  const fsm = useMemo(() => JSON.parse(machine), [machine])

  const save = async () => {
    setUnplaced([])
    setSaved(null)
    const result = await saveWorkflow(form.getValues())
    if (!result.ok) {
      if (result.code === 'STATE_IN_USE') return setInUse(statesInUseOf(result.details))
      const rest = result.details?.unplaced
      if (Array.isArray(rest)) setUnplaced(rest.map(String))
      return showFailure(form, result)
    }
    // the saved machine is now the one live items follow: renames are done, moves spent
    const now = form.getValues()
    form.reset({
      ...now,
      id: result.data.id,
      expectedVersion: result.data.version,
      states: now.states.map((s) => ({ ...s, key: s.key.trim(), originalKey: s.key.trim() })),
      stateMoves: {},
    })
    setInUse([])
    setSaved(result.data.version)
    router.refresh()
  }
  const onSubmit = form.handleSubmit(save)

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
      <form onSubmit={onSubmit} noValidate className="flex min-w-0 flex-col gap-6" aria-label="Edit workflow">
        {errors.root?.message ? (
          <Alert tone="error">
            <p>{errors.root.message}</p>
            {unplaced.length ? (
              <ul className="mt-1 list-disc pl-5">
                {unplaced.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : unplaced.length ? (
          <Alert tone="error">
            <ul className="list-disc pl-5">
              {unplaced.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {saved !== null ? <Alert tone="success">Saved: version {saved}.</Alert> : null}
        <Card>
          <CardHeader>
            <CardTitle>Workflow</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <FormField id="wf-name" label="Name" error={errors.typeName?.message}>
              {(c) => <Input {...c} autoComplete="off" {...form.register('typeName')} />}
            </FormField>
            <FormField
              id="wf-code"
              label="Code"
              error={errors.typeCode?.message}
              hint="Lowercase letters, digits, - and _; unique per kind"
            >
              {(c) => <Input {...c} autoComplete="off" className="font-mono" {...form.register('typeCode')} />}
            </FormField>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>States</CardTitle>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Where an item can be. Renaming a state moves the items in it along.
            </p>
          </CardHeader>
          <CardContent>
            <StatesEditor form={form} live={live} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Transitions</CardTitle>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">How an item moves from state to state.</p>
          </CardHeader>
          <CardContent>
            <TransitionsEditor form={form} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Custom fields</CardTitle>
          </CardHeader>
          <CardContent>
            <FieldsEditor form={form} note={fieldsNote} />
          </CardContent>
        </Card>
        <div className="flex justify-end gap-2">
          <Link href={`/${slug}/settings/workflows`} className={buttonClasses({ variant: 'ghost' })}>
            Back to workflows
          </Link>
          <Button type="submit" pending={isSubmitting}>
            Save workflow
          </Button>
        </div>
      </form>
      <aside className="flex min-w-0 flex-col gap-6 lg:sticky lg:top-32 lg:self-start" aria-label="Diagram and try it">
        <Card>
          <CardContent className="flex flex-col gap-4">
            <StateDiagram fsm={fsm} title={`${typeName || 'Workflow'}: state diagram`} current={current} />
          </CardContent>
        </Card>
        <Card>
          <CardContent>
            <TryPanel fsm={fsm} onState={setCurrent} />
          </CardContent>
        </Card>
      </aside>
      <StateInUseDialog
        inUse={inUse}
        states={states.map((s) => s.key.trim()).filter(Boolean)}
        onClose={() => setInUse([])}
        onMove={async (moves) => {
          form.setValue('stateMoves', { ...form.getValues('stateMoves'), ...moves })
          await save()
        }}
      />
    </div>
  )
}
