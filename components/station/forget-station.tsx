'use client'
import { useRouter } from 'next/navigation'
import { useTransition } from 'react'
import { Button } from '@/components/ui'
import { forgetStation } from '@/lib/station/actions'

export function ForgetStationButton() {
  const router = useRouter()
  const [pending, start] = useTransition()
  return (
    <Button
      size="touch"
      pending={pending}
      onClick={() =>
        start(async () => {
          await forgetStation()
          router.refresh()
        })
      }
    >
      Set this tablet up again
    </Button>
  )
}
