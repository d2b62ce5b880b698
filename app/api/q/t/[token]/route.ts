import { ticketRoute } from '@/lib/queues/public-routes'

// Public: a ticket's own view, re-read by /q/t/<token> when its queue moves.
export const dynamic = 'force-dynamic'

export const GET = ticketRoute
