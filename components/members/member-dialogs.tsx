'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useState, useTransition } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { Alert } from '@/components/common/alert'
import { Dialog } from '@/components/common/dialog'
import { FormField } from '@/components/common/form-field'
import { showFailure } from '@/components/common/form-result'
import { Select } from '@/components/common/select'
import { Button, Input } from '@/components/ui'
import { changeMemberRole, deactivateMember, resetMemberPin } from '@/lib/members/actions'
import { ROLE_HINT, ROLE_LABEL, type Role } from '@/lib/members/roles'
import { ChangeRoleInput, ResetPinInput } from '@/lib/members/schema'
import type { MemberRow } from '@/lib/members/status'

export function ResetPinDialog({ member, onClose }: { member: MemberRow; onClose: () => void }) {
  const form = useForm<z.input<typeof ResetPinInput>, unknown, z.output<typeof ResetPinInput>>({
    resolver: zodResolver(ResetPinInput),
    defaultValues: { memberId: member.member_id, pin: '' },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await resetMemberPin(values)
    if (!result.ok) return showFailure(form, result)
    onClose()
  })
  return (
    <Dialog
      open
      onClose={onClose}
      title={member.has_pin ? `Reset ${member.display_name}'s PIN` : `Set ${member.display_name}'s PIN`}
      description="Tell them the new PIN in person. Setting it also lifts a lockout."
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
        <FormField id="new-pin" label="New PIN" error={errors.pin?.message} hint="4 to 6 digits">
          {(control) => (
            <Input
              {...control}
              inputMode="numeric"
              autoComplete="off"
              maxLength={6}
              autoFocus
              className="font-mono tracking-[0.4em]"
              {...form.register('pin')}
            />
          )}
        </FormField>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" pending={isSubmitting}>
            Save PIN
          </Button>
        </div>
      </form>
    </Dialog>
  )
}

export function ChangeRoleDialog({
  member,
  roles,
  onClose,
}: {
  member: MemberRow
  roles: Role[]
  onClose: () => void
}) {
  const form = useForm<z.input<typeof ChangeRoleInput>, unknown, z.output<typeof ChangeRoleInput>>({
    resolver: zodResolver(ChangeRoleInput),
    defaultValues: { memberId: member.member_id, role: member.role },
  })
  const { errors, isSubmitting } = form.formState
  const role = form.watch('role')
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await changeMemberRole(values)
    if (!result.ok) return showFailure(form, result)
    onClose()
  })
  return (
    <Dialog open onClose={onClose} title={`Change ${member.display_name}'s role`}>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
        <FormField id="member-role" label="Role" error={errors.role?.message} hint={ROLE_HINT[role]}>
          {(control) => (
            <Select {...control} autoFocus {...form.register('role')}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" pending={isSubmitting}>
            Save role
          </Button>
        </div>
      </form>
    </Dialog>
  )
}

export function DeactivateDialog({ member, onClose }: { member: MemberRow; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null)
  const [pending, start] = useTransition()
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Deactivate ${member.display_name}?`}
      description="They can no longer sign in or PIN in, and an open station session ends now. Their history stays; you can reactivate them later."
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button
          variant="danger"
          pending={pending}
          onClick={() =>
            start(async () => {
              const result = await deactivateMember({ memberId: member.member_id })
              if (result.ok) onClose()
              else setError(result.message)
            })
          }
        >
          Deactivate
        </Button>
      </div>
    </Dialog>
  )
}
