import { PinInFirst } from '@/components/floor/pin-in-first'
import { QueueScreen } from '@/components/floor/queue-screen'
import { floorContext, readRpc } from '@/lib/floor/queries'
import type { Queue } from '@/lib/floor/types'

export const metadata = { title: 'My queue' }

/** The operator's queue on the tablet, live; "Next item" claims the best waiting entry. */
export default async function QueuePage({ params }: { params: Promise<{ org: string }> }) {
  const slug = (await params).org
  const ctx = await floorContext(slug)
  if (!ctx.org.can_act) return <PinInFirst slug={slug} orgName={ctx.org.name} />
  const queues = await readRpc<Queue[]>('floor_queues', { p_org_id: ctx.org.org_id })
  return (
    <QueueScreen
      org={{ id: ctx.org.org_id, slug }}
      me={{
        memberId: ctx.org.member_id,
        displayName: ctx.org.display_name,
        supervisor: ctx.supervisor,
        pinnedIn: Boolean(ctx.org.operator_session_id),
      }}
      queues={queues}
    />
  )
}
