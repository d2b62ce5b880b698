'use client'
import { useState, useTransition } from 'react'
import { Alert } from '@/components/common/alert'
import { Dialog } from '@/components/common/dialog'
import { Pill } from '@/components/common/pill'
import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle, Input } from '@/components/ui'
import { issueTrackingLink, revokeTrackingLink } from '@/lib/orders/actions'
import type { TokenRow } from '@/lib/orders/types'
import type { IssuedLink } from '@/lib/tracking/link'
import { TrackingLinkPanel } from './tracking-link'

/**
 * The order's customer tracking links. Links are stored hashed, so an existing one cannot be shown
 * again: "New link" issues one (copy it or show its QR), and each can be revoked on its own.
 */
export function TrackingCard({
  orderId,
  tokens,
  dates,
}: {
  orderId: string
  tokens: TokenRow[]
  dates: Record<string, string>
}) {
  const [issued, setIssued] = useState<IssuedLink | null>(null)
  const [open, setOpen] = useState(false)
  const [label, setLabel] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, start] = useTransition()
  const live = tokens.filter((t) => !t.revoked_at)

  const issue = () =>
    start(async () => {
      setError(null)
      const r = await issueTrackingLink({ orderId, label: label || undefined })
      if (r.ok) setIssued(r.data)
      else setError(r.message)
    })

  return (
    <Card aria-labelledby="tracking-title">
      <CardHeader className="flex-row items-start justify-between gap-3">
        <div>
          <CardTitle id="tracking-title">Customer tracking</CardTitle>
          <CardDescription>
            {live.length
              ? `${live.length} live ${live.length === 1 ? 'link' : 'links'}`
              : 'No live link: issue one for the customer'}
          </CardDescription>
        </div>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => {
            setIssued(null)
            setLabel('')
            setError(null)
            setOpen(true)
          }}
        >
          Link & QR
        </Button>
      </CardHeader>
      <CardContent>
        {tokens.length === 0 ? null : (
          <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
            {tokens.map((t) => (
              <li key={t.id} className="flex items-center justify-between gap-3 py-2">
                <div className="min-w-0">
                  <p className="truncate font-medium">{t.label ?? 'Tracking link'}</p>
                  <p className="text-xs text-zinc-500 dark:text-zinc-400">Issued {dates[t.id]}</p>
                </div>
                {t.revoked_at ? (
                  <Pill>Revoked</Pill>
                ) : (
                  <Button
                    size="sm"
                    variant="ghost"
                    pending={busy}
                    onClick={() =>
                      start(async () => {
                        const r = await revokeTrackingLink({ tokenId: t.id })
                        if (!r.ok) setError(r.message)
                      })
                    }
                    aria-label={`Revoke ${t.label ?? 'tracking link'}`}
                  >
                    Revoke
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        {error && !open ? <Alert tone="error">{error}</Alert> : null}
      </CardContent>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={issued ? 'Tracking link' : 'New tracking link'}
        description={issued ? undefined : 'A new link for the customer; earlier links keep working until revoked.'}
        className="sm:w-[min(40rem,calc(100vw-2rem))]"
      >
        {issued ? (
          <div className="flex flex-col gap-4">
            <TrackingLinkPanel link={issued} />
            <div className="flex justify-end">
              <Button onClick={() => setOpen(false)}>Done</Button>
            </div>
          </div>
        ) : (
          <form
            className="flex flex-col gap-4"
            onSubmit={(e) => {
              e.preventDefault()
              issue()
            }}
          >
            {error ? <Alert tone="error">{error}</Alert> : null}
            <div className="flex flex-col gap-1.5">
              <label htmlFor="link-label" className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
                Label (optional)
              </label>
              <Input
                id="link-label"
                value={label}
                maxLength={80}
                placeholder="e.g. QR at pickup"
                onChange={(e) => setLabel(e.target.value)}
              />
            </div>
            <div className="flex justify-end gap-2">
              <Button variant="ghost" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" pending={busy}>
                Issue link
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </Card>
  )
}
