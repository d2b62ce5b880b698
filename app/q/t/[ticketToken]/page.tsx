import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { TicketView } from '@/components/queues/ticket-view'
import { publicTicket } from '@/lib/queues/public'

// Public and per token: never cached or indexed; the token stays out of any link's referrer.
export const dynamic = 'force-dynamic'

export async function generateMetadata({ params }: { params: Promise<{ ticketToken: string }> }): Promise<Metadata> {
  const t = await publicTicket((await params).ticketToken)
  return {
    title: t ? `Ticket ${t.number} · ${t.workshop}` : 'Ticket not found',
    robots: { index: false, follow: false },
    referrer: 'no-referrer',
  }
}

type Search = Record<string, string | string[] | undefined>

/** /q/t/<ticket token>: the customer's number, place and wait, live; "you're called"; leave the queue. */
export default async function TicketPage({
  params,
  searchParams,
}: {
  params: Promise<{ ticketToken: string }>
  searchParams: Promise<Search>
}) {
  const { ticketToken } = await params
  const error = (await searchParams).error
  const ticket = await publicTicket(ticketToken)
  if (!ticket) notFound()
  return (
    <main className="min-h-dvh bg-zinc-50 px-4 py-6 sm:py-12 dark:bg-zinc-950">
      <TicketView initial={ticket} token={ticketToken} error={typeof error === 'string' ? error : undefined} />
    </main>
  )
}
