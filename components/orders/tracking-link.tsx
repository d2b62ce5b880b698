'use client'
import { CopyButton } from '@/components/common/copy-button'
import type { IssuedLink } from '@/lib/tracking/link'

/**
 * A freshly issued tracking link: the address to copy and its QR code to show at the counter.
 * Shown once — only the link's hash is kept, so a lost link is replaced by issuing a new one.
 */
export function TrackingLinkPanel({ link }: { link: IssuedLink }) {
  return (
    <div className="flex flex-col items-center gap-4 sm:flex-row sm:items-start" data-testid="tracking-link">
      <div
        className="size-40 shrink-0 overflow-hidden rounded-xl border border-zinc-200 bg-white p-1 dark:border-zinc-700 [&>svg]:size-full"
        role="img"
        aria-label="QR code of the tracking link"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG made on our server by the qrcode package from our own URL
        dangerouslySetInnerHTML={{ __html: link.qr }}
      />
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Send this to the customer, or let them scan the code. It shows progress only — no prices or notes. It is shown
          once: keep it or issue another later.
        </p>
        <div className="flex items-center gap-2">
          <input
            readOnly
            value={link.url}
            aria-label="Tracking link"
            data-testid="tracking-url"
            onFocus={(e) => e.currentTarget.select()}
            className="h-10 min-w-0 flex-1 rounded-lg border border-zinc-300 bg-zinc-50 px-3 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-800"
          />
          <CopyButton text={link.url} />
        </div>
        <a
          href={link.url}
          target="_blank"
          rel="noreferrer"
          className="text-sm text-brand-700 hover:underline dark:text-brand-100"
        >
          Open the tracking page ↗
        </a>
      </div>
    </div>
  )
}
