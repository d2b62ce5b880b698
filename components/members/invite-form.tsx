'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { CopyButton } from '@/components/common/copy-button'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Select } from '@/components/common/select'
import { Button, Input } from '@/components/ui'
import { inviteMember } from '@/lib/members/actions'
import type { Invited } from '@/lib/members/invite'
import { ROLE_HINT, ROLE_LABEL, type Role } from '@/lib/members/roles'
import { InviteMemberInput } from '@/lib/members/schema'

export interface Option {
  id: string
  name: string
}

type In = z.input<typeof InviteMemberInput>
type Out = z.output<typeof InviteMemberInput>

export function InviteForm({
  orgId,
  roles,
  teams,
  locations,
  onDone,
}: {
  orgId: string
  roles: Role[]
  teams: Option[]
  locations: Option[]
  onDone: () => void
}) {
  const [invited, setInvited] = useState<(Invited & { name: string }) | null>(null)
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(InviteMemberInput),
    defaultValues: { orgId, email: '', displayName: '', role: 'operator', badgeCode: '', teamId: '', locationId: '' },
  })
  const { errors, isSubmitting } = form.formState
  const role = form.watch('role')

  const onSubmit = form.handleSubmit(async (values) => {
    // the server parses the raw fields with the same schema
    const result = await inviteMember(form.getValues())
    if (!result.ok) return showFailure(form, result)
    setInvited({ ...result.data, name: values.displayName })
  })

  if (invited)
    return (
      <Invitation
        invited={invited}
        onDone={onDone}
        onAnother={() => {
          setInvited(null)
          form.reset()
        }}
      />
    )

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <FormField
        id="invite-name"
        label="Name"
        error={errors.displayName?.message}
        hint="As it appears on the floor and on their badge"
      >
        {(control) => <Input {...control} autoComplete="off" {...form.register('displayName')} />}
      </FormField>
      <FormField
        id="invite-email"
        label={role === 'operator' ? 'Email (optional for operators)' : 'Email'}
        error={errors.email?.message}
        hint={role === 'operator' ? 'Operators without email only PIN in with their badge' : 'They sign in with it'}
      >
        {(control) => (
          <Input {...control} type="email" inputMode="email" autoComplete="off" {...form.register('email')} />
        )}
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="invite-role" label="Role" error={errors.role?.message} hint={ROLE_HINT[role]}>
          {(control) => (
            <Select {...control} {...form.register('role')}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField
          id="invite-badge"
          label="Badge code"
          error={errors.badgeCode?.message}
          hint="Printed as a QR, e.g. AUR-OP-7"
        >
          {(control) => <Input {...control} autoComplete="off" className="uppercase" {...form.register('badgeCode')} />}
        </FormField>
        <FormField id="invite-team" label="Team" error={errors.teamId?.message}>
          {(control) => (
            <Select {...control} {...form.register('teamId')}>
              <option value="">No team</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField id="invite-location" label="Location" error={errors.locationId?.message}>
          {(control) => (
            <Select {...control} {...form.register('locationId')}>
              <option value="">No location</option>
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>
      <div className="flex justify-end gap-2 pt-2">
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={isSubmitting}>
          Invite
        </Button>
      </div>
    </form>
  )
}

function Invitation({
  invited,
  onDone,
  onAnother,
}: {
  invited: Invited & { name: string }
  onDone: () => void
  onAnother: () => void
}) {
  if (invited.invitationId) return <PendingInvitation invited={invited} onDone={onDone} onAnother={onAnother} />
  return (
    <div className="flex flex-col gap-4">
      <Alert tone="success">
        <strong>{invited.name}</strong> is now a member.
      </Alert>
      {invited.temporaryPassword ? (
        <div className="flex flex-col gap-2">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Give them this temporary password with their email, <strong>{invited.email}</strong>. It is shown only once.
          </p>
          <div className="flex items-center gap-2">
            <code
              data-testid="temporary-password"
              className="flex-1 rounded-lg bg-zinc-100 px-3 py-2.5 font-mono text-base tracking-wide select-all dark:bg-zinc-800"
            >
              {invited.temporaryPassword}
            </code>
            <CopyButton text={invited.temporaryPassword} />
          </div>
        </div>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          They have no email: set their PIN from the member list, print their badge, and they PIN in at a station.
        </p>
      )}
      <Finish onDone={onDone} onAnother={onAnother} />
    </div>
  )
}

/** An existing account was invited: nothing is attached until its owner accepts (docs/security.md). */
function PendingInvitation({
  invited,
  onDone,
  onAnother,
}: {
  invited: Invited & { name: string }
  onDone: () => void
  onAnother: () => void
}) {
  const link =
    typeof window === 'undefined' ? '/invitations' : `${window.location.origin}/invitations?id=${invited.invitationId}`
  return (
    <div className="flex flex-col gap-4">
      <Alert tone="success">
        <strong>{invited.email}</strong> already has a Floorline account, so <strong>{invited.name}</strong> joins when
        they accept the invitation, signed in with their own password. Until then you can withdraw it from the member
        list; their PIN and badge can be set once they have joined.
      </Alert>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Send them this link:</p>
      <div className="flex items-center gap-2">
        <code
          data-testid="invitation-link"
          className="flex-1 truncate rounded-lg bg-zinc-100 px-3 py-2.5 font-mono text-sm select-all dark:bg-zinc-800"
        >
          {link}
        </code>
        <CopyButton text={link} />
      </div>
      <Finish onDone={onDone} onAnother={onAnother} />
    </div>
  )
}

function Finish({ onDone, onAnother }: { onDone: () => void; onAnother: () => void }) {
  return (
    <div className="flex justify-end gap-2">
      <Button variant="ghost" onClick={onAnother}>
        Invite another
      </Button>
      <Button onClick={onDone}>Done</Button>
    </div>
  )
}
