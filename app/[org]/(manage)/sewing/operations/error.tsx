'use client'
import { Alert } from '@/components/common/alert'
import { Button } from '@/components/ui'

export default function SewingError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="flex flex-col items-start gap-4">
      <Alert tone="error">The sewing screen could not be loaded. Nothing was changed.</Alert>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  )
}
