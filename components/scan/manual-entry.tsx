'use client'
import { useState } from 'react'
import { Button, Input } from '@/components/ui'

/** Typing a code by hand (a damaged label, a number read off paperwork); same handler as scans. */
export function ManualEntry({ onCode, disabled }: { onCode: (code: string) => void; disabled?: boolean }) {
  const [code, setCode] = useState('')
  return (
    <form
      className="flex gap-2"
      onSubmit={(e) => {
        e.preventDefault()
        if (!code.trim()) return
        onCode(code)
        setCode('')
      }}
    >
      <label htmlFor="manual-code" className="sr-only">
        Type a code
      </label>
      <Input
        id="manual-code"
        touch
        data-testid="manual-code"
        placeholder="Type a code, e.g. B-10 or FL1:…"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <Button type="submit" size="touch" className="whitespace-nowrap" disabled={disabled || !code.trim()}>
        Look up
      </Button>
    </form>
  )
}
