import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { DisplayScreen } from '@/components/queues/display-screen'
import { displayView } from '@/lib/queues/public'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = {
  title: 'Now serving',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
}

/**
 * /q/d/<display token>: the waiting-room TV. No staff session: the display token (from the manager
 * view) shows numbers only — now serving per counter and the next few — live, with a chime and a
 * flash when a number is called.
 */
export default async function DisplayPage({ params }: { params: Promise<{ displayToken: string }> }) {
  const { displayToken } = await params
  const view = await displayView(displayToken)
  if (!view) notFound()
  return <DisplayScreen initial={view} token={displayToken} />
}
