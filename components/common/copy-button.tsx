'use client'
import { useState } from 'react'
import { Button } from '@/components/ui'

/**
 * Copies `text` and says so for two seconds. On a plain-http workshop LAN the browser has no
 * clipboard API: the button then says nothing was copied, and the text beside it stays selectable.
 */
export function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  return (
    <Button
      variant="secondary"
      onClick={async () => {
        try {
          if (!navigator.clipboard) throw new Error('no clipboard here')
          await navigator.clipboard.writeText(text)
          setState('copied')
        } catch {
          setState('failed')
        }
        setTimeout(() => setState('idle'), 2000)
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy' : 'Copy'}
    </Button>
  )
}
