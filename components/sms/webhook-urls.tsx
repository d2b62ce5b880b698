import { CopyButton } from '@/components/common/copy-button'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui'
import type { WebhookUrls } from '@/lib/sms/queries'

function UrlRow({ label, url, hint }: { label: string; url: string; hint: string }) {
  return (
    <div className="flex flex-col gap-1">
      <span className="text-sm font-medium">{label}</span>
      <div className="flex flex-wrap items-center gap-2">
        <code
          className="min-w-0 flex-1 select-all break-all rounded-md bg-zinc-100 px-2 py-2 text-xs dark:bg-zinc-800"
          data-testid="sms-webhook-url"
        >
          {url}
        </code>
        <CopyButton text={url} />
      </div>
      <span className="text-xs text-zinc-600 dark:text-zinc-400">{hint}</span>
    </div>
  )
}

/**
 * Admins: where to point each provider (docs/sms.md §webhooks). The URLs carry the workshop's
 * callback secret: whoever has one can post replies and reports for the workshop, so they are shown
 * to admins only.
 */
export function WebhookUrlsCard({ urls }: { urls: WebhookUrls }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Webhooks: replies (STOP) and delivery reports</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Paste these into each provider so a customer&apos;s STOP reaches the opt-out list. They contain this
          workshop&apos;s secret: keep them out of chats and tickets. Semaphore has no replies or reports to send.
        </p>
        <UrlRow
          label="Twilio — “A message comes in” (replies)"
          url={urls.inbound.twilio}
          hint="Twilio Console → Phone Numbers → Active numbers → your number → Messaging configuration → “A message comes in”: Webhook, HTTP POST (or the Messaging Service’s Integration page)."
        />
        <UrlRow
          label="Movider — incoming messages (replies)"
          url={urls.inbound.movider}
          hint="Movider documents no inbound webhook: where your account offers one (or Movider support sets it up), give it this URL."
        />
        <UrlRow
          label="Twilio — status callback (delivery reports)"
          url={urls.status.twilio}
          hint="Set on every text automatically; paste it only where a console asks for a default status callback."
        />
        <UrlRow
          label="Movider — delivery report URL"
          url={urls.status.movider}
          hint="Set on every text automatically (callback_url); paste it as the account's default DLR URL if asked."
        />
      </CardContent>
    </Card>
  )
}
