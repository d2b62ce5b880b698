'use client'
import { useState } from 'react'
import { Dialog } from '@/components/common/dialog'
import { Button } from '@/components/ui'
import type { Role } from '@/lib/members/roles'
import { InviteForm, type Option } from './invite-form'

export function InviteButton(props: { orgId: string; roles: Role[]; teams: Option[]; locations: Option[] }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <svg viewBox="0 0 20 20" aria-hidden="true" className="size-4">
          <path d="M10 4v12M4 10h12" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        Invite member
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Invite a member"
        description="They get an account with a temporary password, or a badge-only account for the floor."
      >
        <InviteForm {...props} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  )
}
