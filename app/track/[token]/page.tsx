import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { SmsOptIn } from '@/components/tracking/sms-opt-in'
import { TrackView } from '@/components/tracking/track-view'
import { trackOrder } from '@/lib/tracking/queries'

// Public and per token: never cached or indexed; the token stays out of the referrer of any link.
export const dynamic = 'force-dynamic'

export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  const progress = await trackOrder((await params).token)
  return {
    title: progress ? `Order ${progress.order_number} · ${progress.workshop}` : 'Order not found',
    robots: { index: false, follow: false },
    referrer: 'no-referrer',
  }
}

/**
 * /track/<token>: what a customer sees of their order, server-rendered and live while open.
 * Rate-limited per address in proxy.ts; unknown and known tokens take the same minimum time.
 */
export default async function TrackPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const progress = await trackOrder(token)
  if (!progress) notFound()
  return (
    <main className="min-h-dvh bg-zinc-50 px-4 py-6 sm:py-12 dark:bg-zinc-950">
      <TrackView initial={progress} />
      <SmsOptIn token={token} />
    </main>
  )
}
