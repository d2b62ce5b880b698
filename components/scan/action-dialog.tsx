'use client'
import { useState } from 'react'
import { Alert } from '@/components/common/alert'
import { Dialog } from '@/components/common/dialog'
import { Textarea } from '@/components/common/textarea'
import { Button, Input, Label } from '@/components/ui'
import type { CardAction, ItemCard } from '@/lib/floor/types'
import { PhotoForm } from './photo-form'

export interface ActionSubmit {
  data?: Record<string, unknown>
  approver_badge?: string
  approver_pin?: string
  status?: 'completed' | 'skipped' | 'failed'
}

/**
 * One action of the item's stage, done on the tablet: a form per type. The database checks the
 * result (tolerance, checklist, approver) and answers why it failed; the dialog stays open to retry.
 */
export function ActionDialog({
  action,
  item,
  busy,
  error,
  onSubmit,
  onClose,
}: {
  action: CardAction | null
  item: ItemCard
  busy: boolean
  error: string | null
  onSubmit: (a: CardAction, payload: ActionSubmit) => void
  onClose: () => void
}) {
  return (
    <Dialog
      open={action !== null}
      onClose={onClose}
      title={action ? `${action.label} · ${item.number}` : ''}
      description={action?.description ?? undefined}
      className="w-[min(40rem,calc(100vw-2rem))]"
    >
      {action ? (
        <div className="flex flex-col gap-4" data-testid="action-dialog">
          {error ? <Alert tone="error">{error}</Alert> : null}
          <ActionForm key={action.key} action={action} item={item} busy={busy} onSubmit={(p) => onSubmit(action, p)} />
          <Button size="touch" variant="ghost" onClick={onClose}>
            Close
          </Button>
        </div>
      ) : null}
    </Dialog>
  )
}

function ActionForm({
  action,
  item,
  busy,
  onSubmit,
}: {
  action: CardAction
  item: ItemCard
  busy: boolean
  onSubmit: (p: ActionSubmit) => void
}) {
  switch (action.type) {
    case 'measurement':
      return <MeasurementForm action={action} busy={busy} onSubmit={onSubmit} />
    case 'inspection':
      return <InspectionForm action={action} busy={busy} onSubmit={onSubmit} />
    case 'note':
      return <NoteForm action={action} busy={busy} onSubmit={onSubmit} />
    case 'approval':
      return <ApprovalForm busy={busy} onSubmit={onSubmit} />
    case 'photo':
      return <PhotoForm action={action} item={item} busy={busy} onSubmit={onSubmit} />
    case 'scan':
      return <ScanForm action={action} busy={busy} onSubmit={onSubmit} />
  }
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined)

function MeasurementForm({
  action,
  busy,
  onSubmit,
}: {
  action: CardAction
  busy: boolean
  onSubmit: (p: ActionSubmit) => void
}) {
  const [value, setValue] = useState('')
  const unit = String(action.config.unit ?? '')
  const min = num(action.config.min)
  const max = num(action.config.max)
  const target = num(action.config.target)
  const parsed = Number(value.replace(',', '.'))
  const valid = value.trim() !== '' && Number.isFinite(parsed)
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault()
        if (valid) onSubmit({ data: { value: parsed, unit } })
      }}
    >
      <p className="text-lg">
        Allowed: {min ?? '…'} – {max ?? '…'} {unit}
        {target !== undefined ? ` (target ${target} ${unit})` : ''}
      </p>
      <div>
        <Label htmlFor="measure-value">Value</Label>
        <div className="flex items-center gap-3">
          <Input
            id="measure-value"
            touch
            autoFocus
            inputMode="decimal"
            autoComplete="off"
            className="text-3xl font-semibold tabular-nums"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
          <span className="text-2xl font-semibold">{unit}</span>
        </div>
      </div>
      <Button type="submit" size="touch" className="h-14 text-lg" disabled={!valid} pending={busy}>
        Save measurement
      </Button>
    </form>
  )
}

function InspectionForm({
  action,
  busy,
  onSubmit,
}: {
  action: CardAction
  busy: boolean
  onSubmit: (p: ActionSubmit) => void
}) {
  const items = action.checklist ?? []
  const [ticked, setTicked] = useState<Record<string, boolean>>({})
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit({ data: { checklist: items.map((i) => ({ key: i.key, completed: Boolean(ticked[i.key]) })) } })
      }}
    >
      {items.length === 0 ? <p>This inspection has no checklist items.</p> : null}
      <ul className="flex max-h-[50dvh] flex-col gap-2 overflow-y-auto">
        {items.map((i) => (
          <li key={i.key}>
            <label className="flex min-h-12 cursor-pointer items-center gap-3 rounded-xl border border-zinc-200 px-3 text-lg dark:border-zinc-700">
              <input
                type="checkbox"
                className="size-6 accent-brand-600"
                checked={Boolean(ticked[i.key])}
                onChange={(e) => setTicked({ ...ticked, [i.key]: e.target.checked })}
              />
              <span className="flex-1">{i.label}</span>
              {i.required ? null : <span className="text-sm text-zinc-500">optional</span>}
            </label>
          </li>
        ))}
      </ul>
      <div className="flex gap-3">
        <Button
          size="touch"
          variant="secondary"
          onClick={() => setTicked(Object.fromEntries(items.map((i) => [i.key, true])))}
        >
          Tick all
        </Button>
        <Button type="submit" size="touch" className="flex-1 text-lg" pending={busy}>
          Save inspection
        </Button>
      </div>
    </form>
  )
}

function NoteForm({
  action,
  busy,
  onSubmit,
}: {
  action: CardAction
  busy: boolean
  onSubmit: (p: ActionSubmit) => void
}) {
  const [text, setText] = useState('')
  const minLength = num(action.config.min_length) ?? 1
  const maxLength = num(action.config.max_length) ?? 2000
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit({ data: { notes: text } })
      }}
    >
      <Label htmlFor="action-note">Note</Label>
      <Textarea
        id="action-note"
        autoFocus
        rows={4}
        className="text-lg"
        value={text}
        maxLength={maxLength}
        onChange={(e) => setText(e.target.value)}
      />
      <Button
        type="submit"
        size="touch"
        className="h-14 text-lg"
        disabled={text.trim().length < minLength}
        pending={busy}
      >
        Save note
      </Button>
    </form>
  )
}

function ApprovalForm({ busy, onSubmit }: { busy: boolean; onSubmit: (p: ActionSubmit) => void }) {
  const [badge, setBadge] = useState('')
  const [pin, setPin] = useState('')
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit({ approver_badge: badge, approver_pin: pin })
      }}
    >
      <p>A supervisor approves with their badge and PIN (never stored).</p>
      <div>
        <Label htmlFor="approver-badge">Supervisor badge</Label>
        <Input
          id="approver-badge"
          touch
          autoFocus
          autoComplete="off"
          value={badge}
          onChange={(e) => setBadge(e.target.value)}
        />
      </div>
      <div>
        <Label htmlFor="approver-pin">PIN</Label>
        <Input
          id="approver-pin"
          touch
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
        />
      </div>
      <Button
        type="submit"
        size="touch"
        className="h-14 text-lg"
        disabled={!badge.trim() || pin.length < 4}
        pending={busy}
      >
        Approve
      </Button>
    </form>
  )
}

function ScanForm({
  action,
  busy,
  onSubmit,
}: {
  action: CardAction
  busy: boolean
  onSubmit: (p: ActionSubmit) => void
}) {
  const [code, setCode] = useState('')
  const expect = String(action.config.expect ?? 'action')
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit({ data: { code } })
      }}
    >
      <p className="text-lg">
        Scan the {expect === 'action' ? 'action card' : `${expect} label`} — close this and scan it, or type its code.
      </p>
      <Label htmlFor="scan-action-code">Code</Label>
      <Input id="scan-action-code" touch autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
      <Button type="submit" size="touch" className="h-14 text-lg" disabled={!code.trim()} pending={busy}>
        Confirm
      </Button>
    </form>
  )
}
