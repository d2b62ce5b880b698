import { Alert } from '@/components/common/alert'
import { PrintButton } from '@/components/queues/print-button'
import { atLeast } from '@/lib/members/roles'
import { requireOrg } from '@/lib/orgs/queries'
import { joinInfo } from '@/lib/queues/public'
import { customerQueues } from '@/lib/queues/queries'
import { absoluteUrl, qrSvg } from '@/lib/tracking/link'

export const metadata = { title: 'Queue poster' }
export const dynamic = 'force-dynamic'

/**
 * The printable poster for a queue: its QR join link, large, with two lines of instructions. The
 * link is the one just issued (?t=, shown once: only its hash is kept); it is checked to be this
 * queue's before it is printed.
 */
export default async function PosterPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; queueId: string }>
  searchParams: Promise<{ t?: string }>
}) {
  const { org: slug, queueId } = await params
  const { t } = await searchParams
  const { org } = await requireOrg(slug)
  const queue =
    org.can_act && atLeast(org.role, 'supervisor')
      ? (await customerQueues(org.org_id)).find((q) => q.id === queueId)
      : undefined
  const info = t ? await joinInfo(t) : null
  if (!queue || !t || !info || info.queue_name !== queue.name) {
    return (
      <Alert tone="warning">
        Make a poster from Customer queues → “New poster link and QR”: the link is shown once, when it is made.
      </Alert>
    )
  }
  const url = await absoluteUrl(`/q/${t}`)
  const qr = await qrSvg(url)
  return (
    <div className="mx-auto flex max-w-2xl flex-col items-center gap-6 text-center print:max-w-none">
      <div className="flex w-full justify-end print:hidden">
        <PrintButton />
      </div>
      <article className="flex w-full flex-col items-center gap-6 rounded-3xl border-2 border-zinc-900 bg-white p-10 text-zinc-950 print:border-0">
        <p className="text-2xl font-medium">{info.workshop}</p>
        <h1 className="text-5xl font-bold tracking-tight">{info.queue_name}</h1>
        <p className="text-2xl">Scan to take a number. We show your place and text you when it is your turn.</p>
        <div
          role="img"
          aria-label={`QR code: ${url}`}
          className="size-80 [&>svg]:size-full"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG made on our server by the qrcode package from our own URL
          dangerouslySetInnerHTML={{ __html: qr }}
        />
        <p className="break-all font-mono text-base" data-testid="poster-url">
          {url}
        </p>
      </article>
    </div>
  )
}
