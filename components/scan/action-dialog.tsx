'use client'
import type { ReactNode } from 'react'
import { Dialog } from '@/components/common/dialog'
import { Button } from '@/components/ui'
import type { ActionTarget, CardAction } from '@/lib/floor/types'
import { ApprovalForm } from './approval-form'
import { InspectionForm } from './inspection-form'
import { MeasurementForm } from './measurement-form'
import { NoteForm } from './note-form'
import { PhotoForm } from './photo-form'
import { ScanCodeForm } from './scan-code-form'
import type { ActionFormProps, ActionSubmit } from './use-action-form'
import type { ActionFailure } from './use-stage-writes'

const FORMS: Record<CardAction['type'], (props: ActionFormProps) => ReactNode> = {
  measurement: MeasurementForm,
  inspection: InspectionForm,
  note: NoteForm,
  approval: ApprovalForm,
  photo: PhotoForm,
  scan: ScanCodeForm,
}

/**
 * One action of the item's stage, done on the tablet: a form per type. The database checks the
 * result (tolerance, checklist, approver) and answers why it failed; the dialog stays open to retry,
 * with the reason under the field it names.
 */
export function ActionDialog({
  open,
  onSubmit,
  onClose,
}: {
  /** The action and what it is done on (the card's item, or from a unit's card its batch). */
  open: { action: CardAction; on: ActionTarget } | null
  onSubmit: (a: CardAction, on: ActionTarget, payload: ActionSubmit) => Promise<ActionFailure | null>
  onClose: () => void
}) {
  const action = open?.action ?? null
  const item = open?.on
  const Form = action ? FORMS[action.type] : null
  return (
    <Dialog
      open={action !== null}
      onClose={onClose}
      title={action && item ? `${action.label} · ${item.number}` : ''}
      description={action?.description ?? undefined}
      className="w-[min(40rem,calc(100vw-2rem))]"
    >
      {action && item && Form ? (
        <div className="flex flex-col gap-4" data-testid="action-dialog">
          <Form key={action.key} action={action} item={item} onSubmit={(p) => onSubmit(action, item, p)} />
          <Button size="touch" variant="ghost" onClick={onClose}>
            Close
          </Button>
        </div>
      ) : null}
    </Dialog>
  )
}
