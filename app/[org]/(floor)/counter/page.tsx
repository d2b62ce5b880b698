import { PinInFirst } from '@/components/floor/pin-in-first'
import { CounterScreen } from '@/components/queues/counter-screen'
import { floorContext } from '@/lib/floor/queries'
import { calledAt, customerQueues, waitingList } from '@/lib/queues/queries'

export const metadata = { title: 'Counter' }

type Search = Record<string, string | string[] | undefined>
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined

/**
 * /[org]/counter (tablet, operators+): pick the queue and your counter, Call next, the customer at
 * the counter with their fields and the type's transitions, recall / no-show / transfer, the waiting
 * list with waits; live over the queue's private topic.
 */
export default async function CounterPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<Search>
}) {
  const slug = (await params).org
  const sp = await searchParams
  const ctx = await floorContext(slug)
  if (!ctx.org.can_act) return <PinInFirst slug={slug} orgName={ctx.org.name} />
  const queues = await customerQueues(ctx.org.org_id)
  const queue = queues.find((q) => q.id === one(sp.queue)) ?? queues[0]
  const counter = queue?.counters.find((c) => c.id === one(sp.counter)) ?? queue?.counters[0]
  const [waiting, current] = await Promise.all([
    queue ? waitingList(queue.id) : null,
    counter ? calledAt(counter.id) : [],
  ])
  return (
    <CounterScreen
      org={{ id: ctx.org.org_id, slug, name: ctx.org.name }}
      queues={queues.map((q) => ({ id: q.id, name: q.name, counters: q.counters }))}
      queueId={queue?.id ?? null}
      counterId={counter?.id ?? null}
      waiting={waiting}
      current={current}
    />
  )
}
